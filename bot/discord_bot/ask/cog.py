"""Questions: ``/ask``, mentions of the bot, and (optionally) questions in help channels."""

from __future__ import annotations

import asyncio
import re

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot.ask.views import answer_reply
from bot.discord_bot.shared.checks import ask_cooldown
from bot.discord_bot.shared.choices import module_options, rank, to_choices, unknown_text
from bot.discord_bot.shared.sending import tell
from bot.discord_bot.shared.translator import lstr
from bot.discord_bot.shared.workers import search
from bot.i18n import t
from bot.search.answer import ANSWER
from bot.text.lexicon import MESSAGE_QUESTION_STARTS
from bot.text.normalise import fold

MAX_QUESTION_CHARS = 1000
COOLDOWN_REACTION = "⏳"
_QUESTION_STARTS = MESSAGE_QUESTION_STARTS


# An unasked reply in a help channel needs more than a confident answer: on the dev questions,
# every off-topic question answered with confidence scored under 30, while 178 of the 193 right
# confident answers scored 30 or more.
UNPROMPTED_MIN_SCORE = 30.0
# Seconds an /ask waits for its answer before deferring the reply (Discord allows 3).
DEFER_AFTER = 2.0


def looks_like_question(text: str) -> bool:
    """A message that asks something: ends with "?" or opens with a question word."""
    text = text.strip()
    if not text:
        return False
    if text.endswith("?"):
        return True
    first = re.split(r"[\s']", fold(text), maxsplit=1)[0]
    return first in _QUESTION_STARTS


def strip_mentions(content: str, user_id: int, role_id: int | None) -> str:
    """The question without the mentions of the bot (user or its managed role)."""
    pattern = rf"<@!?{user_id}>"
    if role_id is not None:
        pattern += rf"|<@&{role_id}>"
    return " ".join(re.sub(pattern, " ", content).split())


class AskCog(commands.Cog):
    """Answers questions with the right passage of the course, or says it does not know."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @app_commands.command(name="ask", description=lstr("cmd_ask"))
    @app_commands.describe(question=lstr("cmd_ask_question"), module=lstr("cmd_ask_module"))
    @ask_cooldown()
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, MAX_QUESTION_CHARS],
        module: str | None = None,
    ) -> None:
        """The answer, a "did you mean", or an honest "I don't know" (kept for the TAs)."""
        lang = self.bot.lang_for(interaction)
        state = self.bot.course_state
        if module is not None and state.course.module(module) is None:
            options = module_options(state.course)
            await tell(interaction, unknown_text("unknown_module", module, options, lang))
            return
        # Answering takes tens of milliseconds on the search threads; only when many questions
        # queue up at once does the reply risk Discord's 3 seconds: then it is deferred.
        pending = asyncio.ensure_future(search(state.ask, question, module))
        try:
            answer = await asyncio.wait_for(asyncio.shield(pending), DEFER_AFTER)
        except TimeoutError:
            await interaction.response.defer()
            answer = await pending
            reply = answer_reply(state, answer, lang)
            await interaction.followup.send(**reply.kwargs())
        else:
            reply = answer_reply(state, answer, lang)
            await interaction.response.send_message(**reply.kwargs())
        if not await self.bot.records.question(answer, interaction.user.id, interaction.guild_id):
            # The answer went out; only the record for the TAs is lost: say so privately, once.
            await tell(interaction, t("store_unavailable", lang))

    @ask.autocomplete("module")
    async def _module_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return to_choices(rank(current, module_options(self.bot.course_state.course)))

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer a mention; in help channels, answer confident matches to question-like posts."""
        me = self.bot.user
        if me is None or message.author.bot or message.author.id == me.id or message.webhook_id:
            return
        guild = message.guild
        role = guild.self_role if guild else None
        mentioned = me in message.mentions or (role is not None and role in message.role_mentions)
        if mentioned:
            await self._answer_mention(
                message, strip_mentions(message.content, me.id, role and role.id)
            )
        elif self._in_help_channel(message) and looks_like_question(message.content):
            await self._answer_help_post(message)

    def _in_help_channel(self, message: discord.Message) -> bool:
        if message.guild is None:
            return False
        config = self.bot.guild_configs.get(message.guild.id)
        if not config.answer_in_help_channels or not config.help_channels:
            return False
        channel = message.channel
        # Forum posts and threads count as their parent channel.
        ids = {channel.id, getattr(channel, "parent_id", None)}
        return bool(ids & set(config.help_channels))

    async def _answer_mention(self, message: discord.Message, question: str) -> None:
        if self.bot.cooldown.hit(message.author.id):
            await message.add_reaction(COOLDOWN_REACTION)
            return
        state = self.bot.course_state
        answer = await search(state.ask, question)
        guild_id = message.guild.id if message.guild else None
        reply = answer_reply(state, answer, self.bot.guild_language(guild_id))
        await message.reply(**reply.kwargs(mention_author=False))
        # No private channel back to the author here: a failed record is only logged.
        await self.bot.records.question(answer, message.author.id, guild_id)

    async def _answer_help_post(self, message: discord.Message) -> None:
        state = self.bot.course_state
        answer = await search(state.ask, message.content)
        # Unasked, the bot speaks only when sure; a rate-limited user is skipped silently.
        sure = answer.outcome == ANSWER and answer.score >= UNPROMPTED_MIN_SCORE
        if not sure or self.bot.cooldown.hit(message.author.id):
            return
        reply = answer_reply(state, answer, self.bot.guild_language(message.guild.id))
        await message.reply(**reply.kwargs(mention_author=False))
