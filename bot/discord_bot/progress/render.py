"""A student's progress from what the store keeps about them: answers, accuracy, group points in
this guild, reviews due, and the facts missed last time with the section to reread."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import discord

from bot.app.facts import fact_name
from bot.app.stats import ModuleMastery
from bot.discord_bot.shared.render import FIELD_CHARS, lines_within, one_line
from bot.i18n import t
from bot.present.stats_text import mastery_line
from bot.quiz.items import QuizItem

MISSED_SHOWN = 10
LABEL_CHARS = 100
MASTERY_CHART = "progress.png"
COLOUR_PROGRESS = discord.Colour.dark_teal()


@dataclass(frozen=True)
class Progress:
    """What ``/progress`` shows."""

    answered: int
    correct: int
    points: int  # group points in this guild
    due: int  # facts whose review is due
    missed: tuple[str, ...]  # one line per fact missed at its last attempt, most recent first

    @property
    def accuracy(self) -> int:
        return round(100 * self.correct / self.answered) if self.answered else 0


def fact_line(item: QuizItem) -> str:
    """``• **Image Docker** — `3.1.2` Image Docker``: the fact and where to reread it."""
    label = one_line(fact_name(item), LABEL_CHARS)
    source = item.source
    return f"• **{label}** — `{source.section or source.module}` {source.title}"


def progress_of(
    data: dict[str, Any], guild_id: int | None, now: float, facts: dict[str, QuizItem]
) -> Progress:
    """Progress from ``Store.export_user`` data (one consistent read of every table)."""
    attempts = data.get("attempts", [])
    reviews = data.get("reviews", [])
    guild = guild_id or 0  # the store keeps "no guild" as 0
    points = sum(row["points"] for row in data.get("scores", []) if row["guild_id"] == guild)
    missed_rows = sorted(
        (r for r in reviews if r["last_correct"] == 0), key=lambda r: r["last_at"], reverse=True
    )
    missed = []
    for row in missed_rows[:MISSED_SHOWN]:
        item = facts.get(row["item_key"])
        missed.append(fact_line(item) if item else f"• `{row['item_key']}`")
    return Progress(
        answered=len(attempts),
        correct=sum(1 for a in attempts if a["correct"]),
        points=points,
        due=sum(1 for r in reviews if r["due_at"] <= now),
        missed=tuple(missed),
    )


def progress_embed(progress: Progress, lang: str) -> discord.Embed:
    """The student's progress, privately."""
    embed = discord.Embed(title=t("progress_title", lang), colour=COLOUR_PROGRESS)
    embed.add_field(
        name=t("progress_answers", lang),
        value=t(
            "progress_answers_value",
            lang,
            correct=progress.correct,
            answered=progress.answered,
            accuracy=progress.accuracy,
        ),
    )
    embed.add_field(name=t("progress_points", lang), value=str(progress.points))
    embed.add_field(
        name=t("progress_due", lang),
        value=(
            t("progress_due_value", lang, count=progress.due)
            if progress.due
            else t("progress_due_none", lang)
        ),
        inline=False,
    )
    if progress.missed:
        embed.add_field(
            name=t("progress_missed", lang),
            value=lines_within(list(progress.missed), FIELD_CHARS),
            inline=False,
        )
    return embed


def add_mastery(embed: discord.Embed, mastery: list[ModuleMastery], lang: str) -> None:
    """The student's mastery per module, in words and as the attached chart."""
    if not mastery:
        return
    lines = [mastery_line(m, lang) for m in mastery]
    embed.add_field(
        name=t("progress_mastery", lang), value=lines_within(lines, FIELD_CHARS), inline=False
    )
    embed.set_image(url=f"attachment://{MASTERY_CHART}")
