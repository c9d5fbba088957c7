"""The bot itself: shared state (course, store, quizzes, per-guild settings), setup, reload,
command sync and the global error handler."""

from __future__ import annotations

import asyncio
import logging
import math
from dataclasses import dataclass, field, replace

import discord
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from bot.course.model import Problem, errors_in
from bot.discord_bot.ask.records import Records
from bot.discord_bot.settings.guild_config import GuildConfigs
from bot.discord_bot.shared.checks import NotTA, UserCooldown
from bot.discord_bot.shared.names import DisplayNames
from bot.discord_bot.shared.sending import NONE, attempt, tell
from bot.discord_bot.shared.state import CourseState, build_state, quiz_service_for
from bot.discord_bot.shared.translator import CourseTranslator, interaction_language
from bot.i18n import t
from bot.quiz.service import QuizService
from bot.store import Store

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
        return errors_in(self.problems)


def bot_intents(settings: Settings) -> discord.Intents:
    """Guild messages for mentions; the privileged message-content intent only when configured."""
    intents = discord.Intents.default()
    intents.message_content = settings.discord.message_content
    return intents


class CourseBotMixin:
    """What the plain and the sharded bot share (mixed into ``commands.Bot`` subclasses)."""

    def _init_course(
        self,
        settings: Settings,
        state: CourseState,
        quiz_service: QuizService,
        store: Store,
        sync_on_start: bool,
        owns_store: bool,
    ) -> None:
        self.settings = settings
        self.course_state = state
        self.quiz_service = quiz_service  # rebuilt with the course on /reload
        self.store = store
        self.records = Records(store)
        self.guild_configs = GuildConfigs(settings, store)
        self.names = DisplayNames()
        self.cooldown = UserCooldown.from_settings(settings.cooldowns)
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
        """Re-read the content and its quizzes; swap them in only when every module loads (a
        broken ``faq.yaml``, ``synonyms.yaml`` or ``quiz.yaml`` entry is skipped and reported
        as a warning).

        Quizzes already running keep their items and finish on the service that started them;
        new quizzes use the new content.
        """
        async with self._reload_lock:
            folder = self.course_state.engine.content_dir
            new = await asyncio.to_thread(build_state, folder, self.settings.answer)
            service, quiz_problems = await asyncio.to_thread(
                quiz_service_for, self.settings, new.engine, self.store
            )
            course = new.engine.course
            # A broken faq.yaml, synonyms.yaml or quiz.yaml entry is skipped, not a reason to
            # keep serving the old course: those problems are shown as warnings. A module that
            # fails to load is, since its passages would vanish, and so is one of those files
            # when it cannot be read at all (a YAML syntax error): every entry would vanish.
            problems = [
                replace(p, severity="warning")
                if p.path.endswith((".yaml", ".yml")) and not p.whole_file
                else p
                for p in [*new.engine.problems, *quiz_problems]
            ]
            outcome = ReloadOutcome(
                swapped=not errors_in(problems),
                modules=len(course.modules),
                sections=sum(1 for _ in course.sections()),
                problems=problems,
            )
            if outcome.swapped:
                self.course_state = new
                self.quiz_service = service
                log.info("content reloaded from %s: %d modules", folder, outcome.modules)
            else:
                log.warning("reload refused, %d errors; old content kept", len(outcome.errors))
            return outcome

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
