"""TA commands: ``/reload`` the content and list ``/unanswered`` questions."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.app.engine import ReloadOutcome
from bot.discord_bot.shared.checks import ta_only
from bot.discord_bot.shared.render import (
    COLOUR_PAGE,
    COLOUR_PROBLEM,
    FIELD_CHARS,
    problems_text,
    unanswered_embed,
)
from bot.discord_bot.shared.sending import NONE, tell
from bot.discord_bot.shared.translator import lstr
from bot.i18n import t
from bot.present.text import unanswered_text

UNANSWERED_SHOWN = 20


def reload_embed(outcome: ReloadOutcome, lang: str) -> discord.Embed:
    """What the TA sees after ``/reload``: the new size, or why the old content stays."""
    if outcome.swapped:
        embed = discord.Embed(
            description=t("reload_ok", lang, modules=outcome.modules, sections=outcome.sections),
            colour=COLOUR_PAGE,
        )
    else:
        embed = discord.Embed(
            description=t("reload_failed", lang, count=len(outcome.errors)), colour=COLOUR_PROBLEM
        )
        embed.add_field(name=t("errors", lang), value=problems_text(outcome.errors, FIELD_CHARS))
    warnings = [p for p in outcome.problems if p.severity != "error"]
    if warnings:
        embed.add_field(
            name=t("warnings", lang), value=problems_text(warnings, FIELD_CHARS), inline=False
        )
    return embed


class AdminCog(commands.Cog):
    """Commands for the course staff (TA role or Manage Server)."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @app_commands.command(name="reload", description=lstr("cmd_reload"))
    @app_commands.guild_only()
    @ta_only()
    async def reload(self, interaction: discord.Interaction) -> None:
        """Rebuild the course from its folder; keep the old one if the new one has errors."""
        lang = self.bot.lang_for(interaction)
        # Loading a large course can take seconds: acknowledge first.
        await interaction.response.defer(ephemeral=True, thinking=True)
        outcome = await self.bot.reload_content()
        await interaction.followup.send(
            embed=reload_embed(outcome, lang), ephemeral=True, allowed_mentions=NONE
        )

    @app_commands.command(name="unanswered", description=lstr("cmd_unanswered"))
    @app_commands.describe(limit=lstr("cmd_unanswered_limit"))
    @app_commands.guild_only()
    @ta_only()
    async def unanswered(
        self,
        interaction: discord.Interaction,
        limit: app_commands.Range[int, 1, 50] = UNANSWERED_SHOWN,
    ) -> None:
        """The questions of this server the bot abstained on, was unsure about or got a 👎
        for and that the content served now still does not answer, similar ones grouped, the
        most frequent first."""
        lang = self.bot.lang_for(interaction)
        if not self.bot.store.available:
            await tell(interaction, t("store_unreadable_ta", lang))
            return
        found = await self.bot.records.unanswered(
            interaction.guild_id, limit, self.bot.course_state.engine.matcher
        )
        if not found.groups:
            await tell(interaction, unanswered_text([], lang, found.answered_now))
            return
        await interaction.response.send_message(
            embed=unanswered_embed(found.groups, lang, found.answered_now),
            ephemeral=True,
            allowed_mentions=NONE,
        )
