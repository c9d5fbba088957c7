"""The stats as a Discord embed, its chart attached: for ``/stats`` and the weekly digest."""

from __future__ import annotations

import io

import discord

from bot.app.stats import CourseStats
from bot.discord_bot.shared.render import FIELD_CHARS, lines_within, one_line
from bot.i18n import t
from bot.present.stats_text import headline, missed_lines, period_line, topic_lines

CHART_NAME = "stats.png"
COLOUR_STATS = discord.Colour.dark_blue()
TITLE_CHARS = 256
MISSED_SHOWN = 5  # the chart and the terminal have room for more


def stats_embed(stats: CourseStats, lang: str, digest: bool = False) -> discord.Embed:
    """Headline figures, the topics still unanswered and the most missed facts, with the
    chart as the embed's image (attach :func:`chart_file`). Counts only, never a name."""
    title = t("digest_title", lang) if digest else period_line(stats, lang)
    description = headline(stats, lang)
    if digest:
        description.insert(0, period_line(stats, lang))
    if stats.empty:
        description.append(t("stats_nothing", lang))
    embed = discord.Embed(
        title=one_line(title, TITLE_CHARS),
        description="\n".join(description),
        colour=COLOUR_STATS,
    )
    none = t("stats_none", lang)
    embed.add_field(
        name=t("stats_field_topics", lang),
        value=lines_within(topic_lines(stats, lang), FIELD_CHARS) or none,
        inline=False,
    )
    if stats.missed:
        embed.add_field(
            name=t("stats_field_missed", lang),
            value=lines_within(missed_lines(stats, lang)[:MISSED_SHOWN], FIELD_CHARS),
            inline=False,
        )
    embed.set_image(url=f"attachment://{CHART_NAME}")
    embed.set_footer(text=t("digest_pointer" if digest else "stats_footer", lang))
    return embed


def chart_file(png: bytes) -> discord.File:
    """The chart sheet as the attachment the embed shows."""
    return discord.File(io.BytesIO(png), filename=CHART_NAME)
