"""The bot itself: shared state (course, store, quizzes, per-guild settings), setup, reload,
command sync and the global error handler."""

from __future__ import annotations

import asyncio
import logging
import math

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.engine import CourseApp, ReloadOutcome
from bot.config import Settings
from bot.discord_bot.ask.records import Records
from bot.discord_bot.settings.guild_config import GuildConfigs
from bot.discord_bot.shared.checks import NotTA, UserCooldown
from bot.discord_bot.shared.names import DisplayNames
from bot.discord_bot.shared.sending import NONE, attempt, tell
from bot.discord_bot.shared.state import CourseState
from bot.discord_bot.shared.translator import CourseTranslator, interaction_language
from bot.i18n import t
from bot.quiz.service import QuizService
from bot.store import Store

log = logging.getLogger("coursebot.discord")


__all__ = ["CourseBot", "ReloadOutcome", "ShardedCourseBot", "bot_intents"]


def bot_intents(settings: Settings) -> discord.Intents:
    """Guild messages for mentions; the privileged message-content intent only when configured."""
    intents = discord.Intents.default()
    intents.message_content = settings.discord.message_content
    return intents


class CourseBotMixin:
    """What the plain and the sharded bot share (mixed into ``commands.Bot`` subclasses)."""

    def _init_course(
        self,
        app: CourseApp,
        store: Store,
        sync_on_start: bool,
        owns_store: bool,
    ) -> None:
        self.settings = app.settings
        self.app = app  # the composition root: its engine is swapped whole on /reload
        self._state = CourseState.of(app.engine)
        self.store = store
        self.records = Records(store)
        self.guild_configs = GuildConfigs(self.settings, store)
        self.names = DisplayNames()
        self.cooldown = UserCooldown.from_settings(self.settings.cooldowns)
        self.sync_on_start = sync_on_start
        self._owns_store = owns_store
        self._reload_lock = asyncio.Lock()

    async def setup_hook(self) -> None:
        """Translator, buttons and cogs; the command sync only when started for real."""
        # Imported here: the cogs import this module for its types.
        from bot.discord_bot.admin.cog import AdminCog
        from bot.discord_bot.ask.cog import AskCog
        from bot.discord_bot.ask.views import DYNAMIC_ITEMS
        from bot.discord_bot.course.cog import CourseCog
        from bot.discord_bot.privacy.cog import PRIVACY_ITEMS, PrivacyCog
        from bot.discord_bot.progress.cog import ProgressCog
        from bot.discord_bot.quiz.cog import QuizCog
        from bot.discord_bot.quiz.views import QUIZ_ITEMS
        from bot.discord_bot.settings.cog import SettingsCog
        from bot.discord_bot.stats.cog import StatsCog

        await self.tree.set_translator(CourseTranslator())
        self.tree.error(self._tree_error)
        self.add_dynamic_items(*DYNAMIC_ITEMS, *QUIZ_ITEMS, *PRIVACY_ITEMS)
        cogs = (
            AskCog, CourseCog, AdminCog, QuizCog, ProgressCog, PrivacyCog, SettingsCog, StatsCog
        )
        for cog in cogs:
            await self.add_cog(cog(self))
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

    async def close(self) -> None:
        """Stop the quiz timers and the digest, close the store the bot opened, then
        disconnect."""
        quizzes = self.get_cog("QuizCog")
        if quizzes is not None:
            quizzes.shutdown()
        stats = self.get_cog("StatsCog")
        if stats is not None:
            stats.shutdown()
        if self._owns_store:
            self.store.close()
        await super().close()

    # ------------------------------------------------------------------ content

    @property
    def course_state(self) -> CourseState:
        """The engine serving now, with its entries looked up by button target (one state per
        engine, so it stays the same object until a reload swaps the engine)."""
        if self._state.engine is not self.app.engine:
            self._state = CourseState.of(self.app.engine)
        return self._state

    @property
    def quiz_service(self) -> QuizService:
        """The quizzes of the engine serving now (a new service after each reload)."""
        return self.app.quizzes

    # ------------------------------------------------------------------ language

    def guild_language(self, guild_id: int | None) -> str:
        """The language of public messages in a guild: its ``/settings``, else the file's."""
        return self.guild_configs.get(guild_id).language

    def lang_for(self, interaction: discord.Interaction) -> str:
        """The language to answer one user in: their client's when we speak it, else the
        guild's."""
        return interaction_language(interaction, self.guild_language(interaction.guild_id))

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
        """Re-read the content and its quizzes through the composition root, off the event
        loop; the root keeps the old content serving when the new one has errors."""
        async with self._reload_lock:
            return await asyncio.to_thread(self.app.reload)

    # ------------------------------------------------------------------ errors

    async def _tree_error(self, interaction: discord.Interaction, error: Exception) -> None:
        # Looked up at call time, so a test can replace on_interaction_error after setup.
        await self.on_interaction_error(interaction, error)

    async def on_interaction_error(
        self, interaction: discord.Interaction, error: Exception
    ) -> None:
        """Answer the user politely, privately, in their language; log what went wrong."""
        lang = self.lang_for(interaction)
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
        await tell(interaction, text)

    async def on_error(self, event_method: str, /, *args, **kwargs) -> None:
        """An event handler failed: log it, and apologise when it was a question to us."""
        log.exception("event %s failed", event_method)
        message = args[0] if args and isinstance(args[0], discord.Message) else None
        if event_method == "on_message" and message is not None and not message.author.bot:
            lang = self.guild_language(message.guild.id if message.guild else None)
            reply = message.reply(
                t("error_generic", lang), allowed_mentions=NONE, mention_author=False
            )
            await attempt(reply, f"apology in channel {message.channel.id}")


class CourseBot(CourseBotMixin, commands.Bot):
    """The coursebot on one gateway connection."""


class ShardedCourseBot(CourseBotMixin, commands.AutoShardedBot):
    """The coursebot over as many shards as Discord recommends."""
