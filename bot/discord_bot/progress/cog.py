"""``/progress`` (mine, privately) and ``/leaderboard`` (this server's top 10, pinging nobody)."""

from __future__ import annotations

import asyncio
import io
import weakref

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.facts import fact_index
from bot.app.stats import mastery_of
from bot.discord_bot.progress.render import (
    MASTERY_CHART,
    add_mastery,
    progress_embed,
    progress_of,
)
from bot.discord_bot.shared.render import DESCRIPTION_CHARS, lines_within
from bot.discord_bot.shared.sending import NONE, tell
from bot.discord_bot.shared.translator import lstr
from bot.discord_bot.shared.workers import chart, draw
from bot.i18n import t
from bot.present.charts import mastery_png
from bot.quiz.items import QuizItem
from bot.quiz.service import QuizService
from bot.store import StoreUnavailable

LEADERBOARD_SIZE = 10
COLOUR_LEADERBOARD = discord.Colour.gold()


class ProgressCog(commands.Cog):
    """Scores and reviews from the store."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        # Fact names per loaded course and language; a reload brings a new service.
        self._facts: weakref.WeakKeyDictionary[QuizService, dict[str, dict[str, QuizItem]]] = (
            weakref.WeakKeyDictionary()
        )

    def _fact_index(self, service: QuizService, lang: str) -> dict[str, QuizItem]:
        per_lang = self._facts.setdefault(service, {})
        if lang not in per_lang:
            per_lang[lang] = fact_index(service, lang)
        return per_lang[lang]

    @app_commands.command(name="progress", description=lstr("cmd_progress"))
    async def progress(self, interaction: discord.Interaction) -> None:
        """My answers, accuracy, group points here, reviews due, facts missed and my mastery
        per module (a chart, drawn on the chart thread), privately."""
        lang = self.bot.lang_for(interaction)
        service: QuizService = self.bot.quiz_service
        try:
            data = await asyncio.to_thread(self.bot.store.export_user, str(interaction.user.id))
        except StoreUnavailable:
            await tell(interaction, t("store_unreadable", lang))
            return
        if not data["attempts"]:
            await tell(interaction, t("progress_nothing", lang))
            return
        # Naming facts generates the course's items: on the quiz thread, like every quiz draw.
        facts = await draw(self._fact_index, service, lang)
        progress = progress_of(data, interaction.guild_id, service.clock(), facts)
        mastery = mastery_of(data["attempts"], service.course, facts)
        png = await chart(mastery_png, mastery, lang)
        embed = progress_embed(progress, lang)
        add_mastery(embed, mastery, lang)
        await interaction.response.send_message(
            embed=embed,
            file=discord.File(io.BytesIO(png), filename=MASTERY_CHART),
            ephemeral=True,
            allowed_mentions=NONE,
        )

    @app_commands.command(name="leaderboard", description=lstr("cmd_leaderboard"))
    @app_commands.guild_only()
    async def leaderboard(self, interaction: discord.Interaction) -> None:
        """The server's best quiz players, by name and never pinged."""
        lang = self.bot.lang_for(interaction)
        if not self.bot.store.available:
            await tell(interaction, t("store_unreadable", lang))
            return
        rows = await asyncio.to_thread(
            self.bot.store.leaderboard, interaction.guild_id, LEADERBOARD_SIZE
        )
        if not rows:
            await tell(interaction, t("leaderboard_empty", lang))
            return
        # Names may have to be fetched: acknowledge first.
        await interaction.response.defer(thinking=True)
        lines = []
        for rank, row in enumerate(rows, 1):
            name = await self.bot.names.resolve(interaction.guild, row.user_id, lang)
            lines.append(
                t(
                    "leaderboard_row",
                    lang,
                    rank=rank,
                    name=name,
                    points=row.points,
                    correct=row.correct,
                    answered=row.answered,
                )
            )
        embed = discord.Embed(
            title=t("leaderboard_title", lang),
            description=lines_within(lines, DESCRIPTION_CHARS),
            colour=COLOUR_LEADERBOARD,
        )
        await interaction.followup.send(embed=embed, allowed_mentions=NONE)
