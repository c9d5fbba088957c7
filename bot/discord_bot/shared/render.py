"""Embeds for answers, pages, modules and TA lists, within Discord's limits.

Mirrors ``bot/render_text.py``: the same content, laid out as embeds. Every piece of text goes
through ``textcut`` so nothing is cut mid-sentence and no limit is ever exceeded.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import discord

from bot.app.unanswered import UnansweredGroup
from bot.course.model import Course, Module, Problem
from bot.i18n import t
from bot.present.text import (
    other_phrasings,
    place,
    reply_text,
    unanswered_counts,
    unanswered_places,
)
from bot.search.answer import Answer, Ref
from bot.text.snippets import chunks, cut

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits)
MESSAGE_CHARS = 2000
TITLE_CHARS = 256
AUTHOR_CHARS = 256
DESCRIPTION_CHARS = 4096
FIELD_CHARS = 1024
FOOTER_CHARS = 2048
BUTTON_LABEL_CHARS = 80
CHOICES = 25
CHOICE_CHARS = 100
# A page of "see more": a screenful to read, well under the description limit.
PAGE_CHARS = 1800
# The answer's own description: the short answer and the trimmed text (900) fit easily.
ANSWER_CHARS = 1500
RELATED_SHOWN = 4
# A module embed: title 256 + intro 1,200 + four fields of 1,024 + footer 200 stays under 6,000.
MODULE_INTRO_CHARS = 1200
SOURCE_CHARS = 200
SOURCE_TITLE_CHARS = 100  # a module title in a footer

COLOUR_ANSWER = discord.Colour.blurple()
COLOUR_SUGGEST = discord.Colour.gold()
COLOUR_PAGE = discord.Colour.dark_teal()
COLOUR_PROBLEM = discord.Colour.red()
COMMANDS = {"modules_command": "/modules", "quiz_command": "/quiz"}


def one_line(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word or sentence boundary to ``limit`` characters."""
    return cut(" ".join(text.split()), limit)


def in_module(ref: Ref, lang: str) -> str:
    """" — Module 3.1" after a lead's title; nothing for a TA's FAQ answer, which has none."""
    return f" — {t('module', lang)} {ref.module_id}" if ref.module_id else ""


def lines_within(lines: Sequence[str], limit: int, more: str = "…") -> str:
    """As many whole lines as fit in ``limit`` characters, with ``more`` when some are left out."""
    out: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        line = cut(line, limit)
        extra = len(line) + (1 if out else 0)
        reserve = len(more) + 1 if i < len(lines) - 1 else 0
        if used + extra + reserve > limit:
            out.append(more)
            break
        out.append(line)
        used += extra
    return "\n".join(out)


def source_line(answer: Answer, lang: str) -> str:
    """The footer: module, heading and ``path:line``, as in the terminal."""
    parts = []
    if answer.module_id:
        # A long module title (a whole sentence used as a heading) is shortened, as in the
        # terminal: the footer names the place, the answer's title already says what it is.
        title = one_line(answer.module_title or "", SOURCE_TITLE_CHARS)
        parts.append(f"{t('module', lang)} {answer.module_id} — {title}")
    # A module's introduction has the module's own heading: do not say it twice.
    if answer.section_id or not answer.module_id:
        parts.append(answer.heading or answer.title or "")
    return one_line(f"{' · '.join(p for p in parts if p)} ({answer.source})", FOOTER_CHARS)


def _question_author(embed: discord.Embed, question: str) -> None:
    # The question is shown on the answer so readers (and the 👍/👎 record) know what was asked.
    text = one_line(question, AUTHOR_CHARS - 2)
    if text:
        embed.set_author(name=f"❓ {text}")


def question_of(message: discord.Message | None) -> str | None:
    """The question shown on one of our answers, if the message shows one."""
    if message is None or not message.embeds or not message.embeds[0].author.name:
        return None
    return message.embeds[0].author.name.removeprefix("❓ ")


def understood_note(answer: Answer, lang: str) -> str:
    """The words read as other course words, as an italic last line, or nothing."""
    if not answer.corrections:
        return ""
    # Typed words are folded letters and digits only: nothing to escape.
    words = one_line(answer.corrections_text(), 300)
    return "\n\n*" + t("understood_line", lang, words=words) + "*"


def answer_embed(answer: Answer, lang: str) -> discord.Embed:
    """A confident answer: title, short answer, trimmed text, where to read on, the source."""
    short = (answer.short or "").strip()
    text = (answer.text or "").strip()
    if not short or (answer.opening and text):
        body = text
    elif text and short not in text:
        body = f"{short}\n\n{text}"
    else:
        body = short
    understood = understood_note(answer, lang)
    embed = discord.Embed(
        title=one_line(answer.title or answer.heading or "", TITLE_CHARS) or None,
        description=(cut(body, ANSWER_CHARS - len(understood)) or t("no_text", lang))
        + understood,
        colour=COLOUR_ANSWER,
    )
    _question_author(embed, answer.question)
    if answer.related:
        lines = [f"`{place(r)}` {r.title}" for r in answer.related[:RELATED_SHOWN]]
        value = lines_within(lines, FIELD_CHARS)
        embed.add_field(name=t("see_also", lang), value=value, inline=False)
    leads = answer.other_leads()
    if leads:
        lines = [f"`{place(r)}` {r.title}{in_module(r, lang)}" for r in leads]
        embed.add_field(
            name=t("other_leads", lang), value=lines_within(lines, FIELD_CHARS), inline=False
        )
    embed.set_footer(text=source_line(answer, lang))
    return embed


SUGGESTION_OPENING_CHARS = 160


def suggest_embed(answer: Answer, lang: str) -> discord.Embed:
    """An unsure match: the question and the best candidates, to pick with the buttons."""
    # Each option with its opening line, so a student can pick without opening all three.
    lines = [
        f"{i}. **{one_line(r.title, 200)}**{in_module(r, lang)} (`{place(r)}`)"
        + (f"\n   {one_line(r.opening, SUGGESTION_OPENING_CHARS)}" if r.opening else "")
        for i, r in enumerate(answer.alternatives, 1)
    ]
    understood = understood_note(answer, lang)
    embed = discord.Embed(
        title=t("suggest_title", lang),
        description=lines_within([reply_text(answer, lang), *lines],
                                 DESCRIPTION_CHARS - len(understood)) + understood,
        colour=COLOUR_SUGGEST,
    )
    _question_author(embed, answer.question)
    return embed


def plain_reply(answer: Answer, lang: str) -> str:
    """Abstention, small talk and empty questions: one kind sentence."""
    return cut(reply_text(answer, lang, **COMMANDS), MESSAGE_CHARS)


def page_embed(
    title: str, text: str, footer: str, page: int, pages: int, lang: str
) -> discord.Embed:
    """One page of a long text."""
    embed = discord.Embed(
        title=one_line(title, TITLE_CHARS) or None,
        description=text or t("no_text", lang),
        colour=COLOUR_PAGE,
    )
    counter = t("page", lang, page=page + 1, pages=pages) if pages > 1 else ""
    text = " · ".join(p for p in (footer, counter) if p)
    if text:
        embed.set_footer(text=one_line(text, FOOTER_CHARS))
    return embed


def paginate(text: str) -> list[str]:
    """Pages of at most PAGE_CHARS, cut at sentence or paragraph ends."""
    return chunks(text, PAGE_CHARS)


def module_lines(course: Course) -> list[str]:
    """One line per module: its id and title."""
    return [f"`{m.id}` {m.title}" for m in course.modules]


def module_pages(course: Course) -> list[str]:
    """The module list as pages of whole lines."""
    pages: list[str] = []
    current: list[str] = []
    size = 0
    for line in module_lines(course):
        line = cut(line, PAGE_CHARS)
        if current and size + len(line) + 1 > PAGE_CHARS:
            pages.append("\n".join(current))
            current, size = [], 0
        current.append(line)
        size += len(line) + 1
    if current:
        pages.append("\n".join(current))
    return pages


def module_embed(module: Module, lang: str) -> discord.Embed:
    """A module: introduction, prerequisites, objectives, sections and summary."""
    embed = discord.Embed(
        title=one_line(module.display_title, TITLE_CHARS),
        description=cut(module.intro, MODULE_INTRO_CHARS) or None,
        colour=COLOUR_PAGE,
    )
    groups = [
        ("prerequisites", [f"• {p}" for p in module.prerequisites]),
        ("objectives", [f"• {o}" for o in module.objectives]),
        ("sections", [f"`{s.id}` {s.title}" for s in module.walk()]),
        (
            "summary",
            [
                f"• {i.term} : {i.definition}" if i.is_pair else f"• {i.text}"
                for i in module.summary
            ],
        ),
    ]
    for key, lines in groups:
        if lines:
            embed.add_field(name=t(key, lang), value=lines_within(lines, FIELD_CHARS), inline=False)
    embed.set_footer(text=one_line(f"{module.path}:{module.line}", SOURCE_CHARS))
    return embed


def problems_text(problems: Sequence[Problem], limit: int) -> str:
    """One ``path:line: message`` per line, as many as fit."""
    return lines_within([f"`{p}`" for p in problems], limit)


def unanswered_embed(
    groups: Sequence[UnansweredGroup], lang: str, answered_now: int = 0
) -> discord.Embed:
    """The TA's list of questions the bot did not answer well, similar ones grouped, the most
    frequent first: how often and how it failed, other phrasings, where it pointed and, apart,
    what students voted 👎 on; the footer says how many the content now answers."""
    lines = []
    for group in groups:
        stamp = discord.utils.format_dt(datetime.fromtimestamp(group.last_at, UTC), "R")
        counts = unanswered_counts(group, lang)
        line = f"• **{one_line(group.question, 200)}** — {counts} — {stamp}"
        others = [one_line(q, 80) for q in other_phrasings(group)]
        if others:
            line += "\n  " + " · ".join(f"« {q} »" for q in others)
        for place_line in unanswered_places(group, lang, RELATED_SHOWN, "`"):
            line += "\n  " + place_line
        lines.append(line)
    embed = discord.Embed(
        title=t("unanswered_title", lang, count=len(groups)),
        description=lines_within(lines, DESCRIPTION_CHARS),
        colour=COLOUR_SUGGEST,
    )
    if answered_now:
        embed.set_footer(text=t("unanswered_answered_now", lang, count=answered_now))
    return embed
