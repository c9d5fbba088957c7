"""``/stats`` (TAs, privately) and the opt-in weekly digest in ``discord.digest_channel``.

Counting and drawing run on the chart thread (:func:`bot.discord_bot.shared.workers.chart`):
grouping thousands of stored questions and drawing with matplotlib take hundreds of
milliseconds, which the event loop must not wait through.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.app.digest import digest_due
from bot.app.stats import DEFAULT_WINDOW, CourseStats, course_stats
from bot.discord_bot.shared.checks import ta_only
from bot.discord_bot.shared.sending import NONE, tell
from bot.discord_bot.shared.translator import lstr
from bot.discord_bot.shared.workers import chart
from bot.discord_bot.stats.render import chart_file, stats_embed
from bot.i18n import t
from bot.present.charts import stats_png
from bot.quiz.service import QuizService
from bot.search.matcher import Matcher
from bot.store import Store, StoreUnavailable

log = logging.getLogger("coursebot.discord")

DIGEST_CHECK_MINUTES = 5  # how late after the hour the digest may go out


def stats_with_chart(
    store: Store,
    matcher: Matcher,
    service: QuizService,
    lang: str,
    window: str,
    guild_id: int | None,
) -> tuple[CourseStats, bytes]:
    """One guild's figures and their chart sheet (for the chart thread)."""
    stats = course_stats(store, matcher, service, lang, window, guild_id, store.clock())
    return stats, stats_png(stats, lang)


class StatsCog(commands.Cog):
    """What students struggle with, for the course staff."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    async def _figures(
        self, lang: str, window: str, guild_id: int | None
    ) -> tuple[CourseStats, bytes]:
        return await chart(
            stats_with_chart,
            self.bot.store,
            self.bot.course_state.engine.matcher,
            self.bot.quiz_service,
            lang,
            window,
            guild_id,
        )

    @app_commands.command(name="stats", description=lstr("cmd_stats"))
    @app_commands.describe(since=lstr("cmd_stats_since"))
    @app_commands.guild_only()
    @ta_only()
    async def stats(
        self,
        interaction: discord.Interaction,
        since: Literal["7d", "30d", "all"] = DEFAULT_WINDOW,
    ) -> None:
        """This server's questions, quiz accuracy and activity: figures and a chart, privately."""
        lang = self.bot.lang_for(interaction)
        if not self.bot.store.available:
            await tell(interaction, t("store_unreadable_ta", lang))
            return
        # Counting and drawing take longer than Discord waits for a first reply.
        await interaction.response.defer(ephemeral=True, thinking=True)
        stats, png = await self._figures(lang, since, interaction.guild_id)
        await interaction.followup.send(
            embed=stats_embed(stats, lang),
            file=chart_file(png),
            ephemeral=True,
            allowed_mentions=NONE,
        )

    # ------------------------------------------------------------------ digest

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        """Start watching the clock for the digest, once connected, when one is configured."""
        if self.bot.settings.discord.digest_channel and not self._digest_loop.is_running():
            self._digest_loop.start()

    def shutdown(self) -> None:
        """Stop watching the clock (the bot is closing)."""
        self._digest_loop.cancel()

    async def cog_unload(self) -> None:
        self.shutdown()

    @tasks.loop(minutes=DIGEST_CHECK_MINUTES)
    async def _digest_loop(self) -> None:
        try:
            await self.post_digest_if_due()
        except Exception:  # the loop would stop for good on an error: log it and go on
            log.exception("weekly digest failed")

    async def post_digest_if_due(self) -> bool:
        """Post this week's digest in ``discord.digest_channel`` when it is due and not posted
        yet (the week is kept in the database, so a restart neither repeats nor skips it);
        True when posted."""
        config = self.bot.settings.discord
        store: Store = self.bot.store
        if not config.digest_channel or not store.available:
            return False
        last = await asyncio.to_thread(store.digest_week, config.digest_channel)
        week = digest_due(store.clock(), config.digest_day, config.digest_hour, last)
        if week is None:
            return False
        channel = self.bot.get_channel(config.digest_channel)
        if not isinstance(channel, discord.abc.Messageable) or channel.guild is None:
            log.warning("digest: channel %s not found on the bot's servers",
                        config.digest_channel)
            return False
        lang = self.bot.guild_language(channel.guild.id)
        stats, png = await self._figures(lang, "7d", channel.guild.id)
        try:
            await channel.send(
                embed=stats_embed(stats, lang, digest=True),
                file=chart_file(png),
                allowed_mentions=NONE,
            )
        except discord.HTTPException as exc:
            log.warning("digest not posted in %s (tried again later): %s", channel.id, exc)
            return False
        try:
            await asyncio.to_thread(store.set_digest_week, config.digest_channel, week)
        except StoreUnavailable as exc:
            log.warning("digest posted but not remembered, it may come again: %s", exc)
        log.info("weekly digest %s posted in %s", week, channel.id)
        return True
