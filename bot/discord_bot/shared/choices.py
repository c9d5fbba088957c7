"""Autocomplete: module and section ids ranked by fuzzy match on the id and the title."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from discord import app_commands
from rapidfuzz import fuzz

from bot.course.model import Course
from bot.discord_bot.shared.render import CHOICE_CHARS, CHOICES, MESSAGE_CHARS, one_line
from bot.i18n import t
from bot.quiz.service import QuizService
from bot.text.normalise import fold
from bot.text.snippets import cut

MIN_SCORE = 50
# Typing the start of an id ("3.1") should list 3.1, 3.1.1... before fuzzy title matches.
PREFIX_BONUS = 100
SUBSTRING_BONUS = 40
# Punctuation that may end a title, with the (narrow) spaces French puts before some of it.
CLOSING = " \u00a0\u202f?!.,;:…"


@dataclass(frozen=True)
class Option:
    """Something a user may pick: its id (the value) and a readable title."""

    value: str
    title: str

    @property
    def label(self) -> str:
        """What the user sees in the list: id and title, within 100 characters."""
        return one_line(f"{self.value} — {self.title}", CHOICE_CHARS)


def module_options(course: Course) -> list[Option]:
    """Every module id, in course order."""
    return [Option(m.id, m.title) for m in course.modules]


def quiz_module_options(service: QuizService) -> list[Option]:
    """The modules a quiz can be drawn from, in course order: a module without any question
    (an installation page, a practical) is not offered."""
    quizzable = set(service.quizzable())
    return [option for option in module_options(service.course) if option.value in quizzable]


def section_options(course: Course) -> list[Option]:
    """Every module and section id (a module id shows the module's introduction)."""
    out: list[Option] = []
    for module in course.modules:
        out.append(Option(module.id, module.title))
        out.extend(Option(s.id, s.title) for s in module.walk())
    return out


def rank(current: str, options: Sequence[Option], limit: int = CHOICES) -> list[Option]:
    """The options that best match what the user typed, best first, at most ``limit``."""
    # A value longer than Discord allows could not be submitted: never offer it.
    options = [o for o in options if len(o.value) <= CHOICE_CHARS]
    query = fold(" ".join(current.split()))
    if not query:
        return list(options[:limit])
    scored = []
    for i, option in enumerate(options):
        value, title = fold(option.value), fold(option.title)
        score = max(fuzz.WRatio(query, value), fuzz.WRatio(query, title))
        if value.startswith(query):
            score += PREFIX_BONUS
        elif query in title:
            score += SUBSTRING_BONUS
        if score >= MIN_SCORE:
            scored.append((score, i, option))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [option for _, _, option in scored[:limit]]


def to_choices(options: Sequence[Option]) -> list[app_commands.Choice[str]]:
    """Autocomplete choices (at most 25) from ranked options."""
    return [app_commands.Choice(name=o.label, value=o.value) for o in options[:CHOICES]]


def unknown_text(key: str, value: str, options: Sequence[Option], lang: str) -> str:
    """ "Unknown id" (message ``key``), with the closest of ``options`` when there are some
    (autocomplete only suggests: a submitted value may be anything)."""
    guesses = rank(value, options, limit=3)
    text = t(key, lang, id=one_line(value, CHOICE_CHARS), modules_command="/modules")
    if guesses:
        # The message ends with its own "?": a title's closing punctuation would double it.
        names = ", ".join(f"`{o.value}` {o.title.rstrip(CLOSING)}" for o in guesses)
        text += "\n" + t("did_you_mean", lang, choices=names)
    return cut(text, MESSAGE_CHARS)
