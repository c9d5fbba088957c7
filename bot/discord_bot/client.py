"""The bot itself: shared state, setup, reload, command sync and the global error handler."""

from __future__ import annotations

import asyncio
import logging
import math
from dataclasses import dataclass, field

import discord
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from bot.course.model import Problem
from bot.i18n import t
from bot.search.answer import Answer

from .checks import NotTA, UserCooldown
from .hooks import Hooks, Unanswered, call_hook
from .state import CourseState, build_state
from .translator import CourseTranslator, interaction_language
from .views import DYNAMIC_ITEMS, NONE

log = logging.getLogger("coursebot.discord")


@dataclass(frozen=True)
class ReloadOutcome:
    """What ``/reload`` found: whether the new content is serving, and its problems."""

    swapped: bool
    modules: int
    sections: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """The problems that refused the reload."""
        return [p for p in self.problems if p.severity == "error"]


def bot_intents(settings: Settings) -> discord.Intents:
    """Guild messages for mentions; the privileged message-content intent only when configured."""
    intents = discord.Intents.default()
    intents.message_content = settings.discord.message_content
    return intents


class CourseBotMixin:
    """What the plain and the sharded bot share (mixed into ``commands.Bot`` subclasses)."""

    def _init_course(
        self, settings: Settings, state: CourseState, hooks: Hooks, sync_on_start: bool
    ) -> None:
        self.settings = settings
        self.course_state = state
        self.hooks = hooks
        self.cooldown = UserCooldown.from_settings(settings.cooldowns)
        self.sync_on_start = sync_on_start
        self._reload_lock = asyncio.Lock()

    async def setup_hook(self) -> None:
        """Translator, buttons and cogs; the command sync only when started for real."""
        # Imported here: the cogs import this module for its types.
        from .cogs.admin import AdminCog
        from .cogs.ask import AskCog
        from .cogs.course import CourseCog

        await self.tree.set_translator(CourseTranslator())
        self.tree.error(self._tree_error)
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        for cog in (AskCog(self), CourseCog(self), AdminCog(self)):
            await self.add_cog(cog)
        if (
            self.settings.discord.answer_in_help_channels
            and not self.settings.discord.message_content
        ):
            log.warning(
                "discord.answer_in_help_channels needs discord.message_content (a privileged "
                "intent): without it only mentions are answered"
            )
        if self.sync_on_start and self.settings.discord.sync_commands:
            await self.sync_commands()

    async def sync_commands(self) -> None:
        """Push the slash commands: to the dev guilds at once when set, else globally (slow)."""
        try:
            if self.settings.discord.dev_guild_ids:
                for guild_id in self.settings.discord.dev_guild_ids:
                    guild = discord.Object(id=guild_id)
                    self.tree.copy_global_to(guild=guild)
                    synced = await self.tree.sync(guild=guild)
                    log.info("synced %d commands to guild %s", len(synced), guild_id)
            else:
                synced = await self.tree.sync()
                log.info("synced %d global commands (may take a while to appear)", len(synced))
        except discord.HTTPException as exc:
            log.warning("command sync failed (%s); the commands already registered stay", exc)

    async def on_message(self, message: discord.Message) -> None:
        """No text commands: mentions are questions, answered by the ask cog's listener."""

    # ------------------------------------------------------------------ reload

    async def reload_content(self) -> ReloadOutcome:
        """Re-read the content; swap it in only when it loads without errors."""
        async with self._reload_lock:
            folder = self.course_state.engine.content_dir
            new = await asyncio.to_thread(build_state, folder, self.settings.answer)
            course = new.engine.course
            outcome = ReloadOutcome(
                swapped=not new.engine.errors,
                modules=len(course.modules),
                sections=sum(1 for _ in course.sections()),
                problems=list(new.engine.problems),
            )
            if outcome.swapped:
                self.course_state = new
                log.info("content reloaded from %s: %d modules", folder, outcome.modules)
            else:
                log.warning("reload refused, %d errors; old content kept", len(outcome.errors))
            return outcome

    # ------------------------------------------------------------------ hooks

    async def report_unanswered(
        self,
        answer: Answer,
        user_id: int,
        guild_id: int | None,
        channel_id: int | None,
        module_id: str | None = None,
    ) -> None:
        """Pass an abstention to the ``on_unanswered`` hook."""
        item = Unanswered(
            question=answer.question,
            user_id=user_id,
            guild_id=guild_id,
            channel_id=channel_id,
            module_id=module_id,
            best_guess=answer.section_id or answer.module_id,
            score=answer.score,
        )
        await call_hook(self.hooks.on_unanswered, item)

    # ------------------------------------------------------------------ errors

    async def _tree_error(self, interaction: discord.Interaction, error: Exception) -> None:
        # Looked up at call time, so a test can replace on_interaction_error after setup.
        await self.on_interaction_error(interaction, error)

    async def on_interaction_error(
        self, interaction: discord.Interaction, error: Exception
    ) -> None:
        """Answer the user politely, privately, in their language; log what went wrong."""
        lang = interaction_language(interaction, self.settings.language)
        if isinstance(error, NotTA):
            text = t("not_ta", lang, role=error.role)
        elif isinstance(error, app_commands.CommandOnCooldown):
            text = t("cooldown", lang, seconds=max(1, math.ceil(error.retry_after)))
        elif isinstance(error, app_commands.NoPrivateMessage):
            text = t("guild_only", lang)
        elif isinstance(error, app_commands.CheckFailure):
            text = t("not_allowed", lang)
        else:
            original = getattr(error, "original", error)
            name = interaction.command.qualified_name if interaction.command else "component"
            log.error(
                "%s failed (user %s, guild %s)",
                name,
                interaction.user.id,
                interaction.guild_id,
                exc_info=original,
            )
            text = t("error_generic", lang)
        try:
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True, allowed_mentions=NONE)
            else:
                await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NONE)
        except discord.HTTPException:
            log.warning("could not tell user %s about an error", interaction.user.id)

    async def on_error(self, event_method: str, /, *args, **kwargs) -> None:
        """An event handler failed: log it, and apologise when it was a question to us."""
        log.exception("event %s failed", event_method)
        message = args[0] if args and isinstance(args[0], discord.Message) else None
        if event_method == "on_message" and message is not None and not message.author.bot:
            try:
                await message.reply(
                    t("error_generic", self.settings.language),
                    allowed_mentions=NONE,
                    mention_author=False,
                )
            except discord.HTTPException:
                log.warning("could not apologise in channel %s", message.channel.id)


class CourseBot(CourseBotMixin, commands.Bot):
    """The coursebot on one gateway connection."""


class ShardedCourseBot(CourseBotMixin, commands.AutoShardedBot):
    """The coursebot over as many shards as Discord recommends."""
