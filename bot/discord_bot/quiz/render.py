"""Quiz embeds: a question, what closed it, a solo summary and a group's result table.

The texts are the terminal quiz's (``bot/console_quiz.py``: same verdicts, expected answer,
explanation, section to reread, summary), laid out as embeds within Discord's limits. All
embeds of one message stay under 6,000 characters together: a reveal and the next question (or
the summary) are sent as one message.
"""

from __future__ import annotations

from datetime import UTC, datetime

import discord

from bot.discord_bot.shared.render import FIELD_CHARS, TITLE_CHARS, lines_within, one_line
from bot.i18n import t
from bot.present.quiz import (
    QuizCommands,
    format_duration,
    render_reveal,
    render_summary,
    section_line,
)
from bot.quiz.session import CORRECT, LETTERS, GroupResult, Question, QuizSummary, Reveal
from bot.text.snippets import cut

PROMPT_CHARS = 1500
OPTION_CHARS = 200  # six options and the prompt: the question and a reveal fit one message
REVEAL_CHARS = 2500
SUMMARY_CHARS = 1500
RESULT_ROWS = 15  # a table longer than this is cut; the winners are at the top
COLOUR_QUESTION = discord.Colour.blurple()
COLOUR_RIGHT = discord.Colour.green()
COLOUR_WRONG = discord.Colour.red()
COLOUR_END = discord.Colour.dark_teal()
# The commands a summary's next step names: /quiz's module is a named option.
DISCORD_COMMANDS = QuizCommands("/quiz", "/quiz module:{module}")


def relative(epoch: float) -> str:
    """A Discord timestamp that each reader's client shows as "in 30 seconds"."""
    return discord.utils.format_dt(datetime.fromtimestamp(epoch, UTC), "R")


def question_embed(question: Question, lang: str, extra: str | None = None) -> discord.Embed:
    """A question: number, prompt, lettered options, the deadline and ``extra`` (how to answer)."""
    item = question.item
    lines = [cut(item.prompt, PROMPT_CHARS)]
    if item.options:
        lines.append("")
        lines += [
            f"**{letter}.** {cut(option, OPTION_CHARS)}"
            for letter, option in zip(LETTERS, item.options, strict=False)
        ]
    if question.deadline is not None:
        lines += ["", t("quiz_deadline", lang, when=relative(question.deadline))]
    if extra:
        lines.append(extra)
    return discord.Embed(
        title=t("quiz_question", lang, index=question.index, total=question.total),
        description="\n".join(lines),
        colour=COLOUR_QUESTION,
    )


def reveal_embed(reveal: Reveal, lang: str, winner: str | None = None) -> discord.Embed:
    """What closed a question: the verdict and why, the expected answer, the explanation and the
    section to reread; in a group game, who found it."""
    text = render_reveal(reveal, lang)
    if winner is not None:
        text = t("quiz_group_winner", lang, name=winner) + "\n" + text
    question = reveal.question
    head = t("quiz_question", lang, index=question.index, total=question.total)
    return discord.Embed(
        title=one_line(f"{head} — {question.item.prompt}", TITLE_CHARS),
        description=cut(text, REVEAL_CHARS),
        colour=COLOUR_RIGHT if reveal.outcome == CORRECT else COLOUR_WRONG,
    )


def summary_embed(summary: QuizSummary, lang: str) -> discord.Embed:
    """The end of a solo quiz: score, time, and the sections to review with their ids."""
    return discord.Embed(
        title=t("quiz_summary_title", lang),
        description=cut(render_summary(summary, lang, DISCORD_COMMANDS), SUMMARY_CHARS),
        colour=COLOUR_END,
    )


def results_embed(result: GroupResult, lang: str) -> discord.Embed:
    """A group game's table, best first, with what nobody found (names are already safe)."""
    rows = [
        t(
            "quiz_results_row",
            lang,
            rank=rank,
            name=row.name,
            points=row.points,
            attempts=row.attempts,
            wrong=row.wrong,
        )
        for rank, row in enumerate(result.rows[:RESULT_ROWS], 1)
    ]
    embed = discord.Embed(
        title=t("quiz_results_title", lang),
        description=lines_within(rows, FIELD_CHARS) or t("quiz_results_nobody", lang),
        colour=COLOUR_END,
    )
    if result.to_review:
        lines = [section_line(source) for source in result.to_review]
        lines.append(t("quiz_next_review", lang, command=DISCORD_COMMANDS.review))
        embed.add_field(
            name=t("quiz_review_sections", lang), value=lines_within(lines, FIELD_CHARS)
        )
    duration = format_duration(result.duration_seconds, lang)
    embed.set_footer(
        text=t(
            "quiz_results_footer", lang, asked=result.asked, total=result.total, duration=duration
        )
    )
    return embed
