"""``/quiz [module] [questions] [mode] [stop]``: a private quiz, or a game in the channel."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.config import MAX_QUESTIONS, MIN_QUESTIONS
from bot.discord_bot.quiz.group import GroupQuizzes
from bot.discord_bot.quiz.solo import SoloQuizzes
from bot.discord_bot.shared.choices import (
    module_options,
    quiz_module_options,
    rank,
    to_choices,
    unknown_text,
)
from bot.discord_bot.shared.sending import tell
from bot.discord_bot.shared.translator import lstr
from bot.discord_bot.shared.workers import draw
from bot.i18n import t

SOLO, GROUP = "solo", "group"


class QuizCog(commands.Cog):
    """Quizzes built from the modules' summaries and the TAs' ``quiz.yaml``."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        self.solo = SoloQuizzes(bot)
        self.group = GroupQuizzes(bot)

    def shutdown(self) -> None:
        """Cancel every quiz timer (the bot is closing or the cog unloads)."""
        self.solo.shutdown()
        self.group.shutdown()

    async def cog_unload(self) -> None:
        self.shutdown()

    @app_commands.command(name="quiz", description=lstr("cmd_quiz"))
    @app_commands.describe(
        module=lstr("cmd_quiz_module"),
        questions=lstr("cmd_quiz_questions"),
        mode=lstr("cmd_quiz_mode"),
        stop=lstr("cmd_quiz_stop"),
    )
    @app_commands.choices(
        mode=[
            app_commands.Choice(name=lstr("quiz_mode_solo"), value=SOLO),
            app_commands.Choice(name=lstr("quiz_mode_group"), value=GROUP),
        ]
    )
    async def quiz(
        self,
        interaction: discord.Interaction,
        module: str | None = None,
        questions: app_commands.Range[int, MIN_QUESTIONS, MAX_QUESTIONS] | None = None,
        mode: str = SOLO,
        stop: bool = False,
    ) -> None:
        """Start a quiz (solo: private; group: this channel, one game at a time), or stop one."""
        lang = self.bot.lang_for(interaction)
        if stop:
            await self._stop(interaction, lang)
            return
        course = self.bot.quiz_service.course
        module_id = module.strip() if module else None
        # Autocomplete only suggests: check the submitted value again.
        if module_id is not None and course.module(module_id) is None:
            options = module_options(course)
            await tell(interaction, unknown_text("unknown_module", module_id, options, lang))
            return
        if mode == GROUP:
            if interaction.guild_id is None:
                await tell(interaction, t("guild_only", lang))
                return
            await self.group.start(interaction, module_id, questions)
        else:
            self.bot.names.remember(interaction.user)
            await self.solo.start(interaction, module_id, questions, lang)

    async def _stop(self, interaction: discord.Interaction, lang: str) -> None:
        """The channel's game if the user may end it (starter or TA), else the user's own
        quiz; the refusal only when the user has no quiz of their own."""
        run = self.group.runs.get(interaction.channel_id)
        own = interaction.user.id in self.solo.runs
        if run is not None and (not own or self.group.may_stop(interaction, run)):
            await self.group.stop(interaction, run)
        elif not await self.solo.stop(interaction):
            await tell(interaction, t("quiz_none_running", lang))

    @quiz.autocomplete("module")
    async def _module_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        # Which modules have questions is computed once, by drawing their items: on the quiz
        # thread, as a draw is, not on the event loop.
        options = await draw(quiz_module_options, self.bot.quiz_service)
        return to_choices(rank(current, options))

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Typed answers to a channel's game, when the message-content intent is on."""
        await self.group.on_message(message)
