"""What students struggle with, at a glance: the figures behind ``stats``, Discord's ``/stats``,
the weekly digest and a student's ``/progress`` chart, as plain dataclasses.

Figures aggregate: no dataclass here holds a user id, so a TA's view never names a student, and
``privacy delete`` (which removes a student's rows) removes them from every figure.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from bot.app.facts import fact_index, fact_name
from bot.app.unanswered import UnansweredGroup, faq_sections, open_questions
from bot.course.model import Course, natural_key
from bot.quiz.items import QuizItem
from bot.quiz.service import QuizService
from bot.search.matcher import Matcher
from bot.store import Store
from bot.store_stats import (
    Window,
    active_per_day,
    active_students,
    most_missed,
    outcomes_per_module,
    quiz_per_module,
    votes_per_target,
)

DAY = 86_400
# --since values: how many days back, or None for everything recorded.
WINDOWS: dict[str, int | None] = {"7d": 7, "30d": 30, "all": None}
DEFAULT_WINDOW = "7d"
TOPICS_SHOWN = 10
MISSED_SHOWN = 10


@dataclass(frozen=True)
class ModuleQuestions:
    """How the questions about one module ended, and the votes on its answers.
    ``module_id`` is None for the questions the bot could place in no module."""

    module_id: str | None
    title: str
    answered: int = 0
    suggested: int = 0
    abstained: int = 0
    helpful: int = 0
    unhelpful: int = 0

    @property
    def total(self) -> int:
        return self.answered + self.suggested + self.abstained


@dataclass(frozen=True)
class ModuleQuiz:
    """Quiz answers about one module."""

    module_id: str | None
    title: str
    answers: int
    correct: int

    @property
    def accuracy(self) -> int:
        """Right answers, in percent (rounded)."""
        return round(100 * self.correct / self.answers) if self.answers else 0


@dataclass(frozen=True)
class MissedFact:
    """A fact the quizzes ask about, and how often it was missed."""

    key: str
    name: str  # the fact in words, or its key when the course no longer has it
    module_id: str | None
    misses: int
    answers: int


@dataclass(frozen=True)
class DayActivity:
    """How many different students asked, voted or answered a quiz on one day."""

    day: date
    students: int


@dataclass(frozen=True)
class CourseStats:
    """Everything ``stats`` shows, over one window of time."""

    window: str  # a key of WINDOWS
    since: float | None
    until: float
    questions: list[ModuleQuestions] = field(default_factory=list)
    topics: list[UnansweredGroup] = field(default_factory=list)  # still unanswered, grouped
    hidden_topics: int = 0  # groups left out because the content now answers them
    quiz: list[ModuleQuiz] = field(default_factory=list)
    missed: list[MissedFact] = field(default_factory=list)
    activity: list[DayActivity] = field(default_factory=list)
    students: int = 0  # different students active in the window

    def _sum(self, name: str) -> int:
        return sum(getattr(row, name) for row in self.questions)

    @property
    def asked(self) -> int:
        return self._sum("total")

    @property
    def answered(self) -> int:
        return self._sum("answered")

    @property
    def suggested(self) -> int:
        return self._sum("suggested")

    @property
    def abstained(self) -> int:
        return self._sum("abstained")

    @property
    def helpful(self) -> int:
        return self._sum("helpful")

    @property
    def unhelpful(self) -> int:
        return self._sum("unhelpful")

    @property
    def quiz_answers(self) -> int:
        return sum(row.answers for row in self.quiz)

    @property
    def quiz_accuracy(self) -> int:
        """Right quiz answers over every module, in percent."""
        answers = self.quiz_answers
        return round(100 * sum(row.correct for row in self.quiz) / answers) if answers else 0

    @property
    def empty(self) -> bool:
        """Nothing was recorded in the window."""
        return not self.asked and not self.quiz_answers and not self.helpful + self.unhelpful


def window_start(window: str, now: float) -> float | None:
    """When a window (``7d``, ``30d``, ``all``) starts; None for everything."""
    days = WINDOWS[window]
    return None if days is None else now - days * DAY


def course_stats(
    store: Store,
    matcher: Matcher,
    service: QuizService,
    lang: str,
    window: str = DEFAULT_WINDOW,
    guild_id: int | None = None,
    now: float | None = None,
) -> CourseStats:
    """The figures of one window (one guild, or all of them): questions per module with their
    outcomes and votes, the most asked topics ``matcher`` (the content now) still does not
    answer (grouped as ``unanswered`` groups them), quiz accuracy per module, the most missed
    facts (named in ``lang`` from ``service``'s items) and active students per day."""
    now = time.time() if now is None else now
    since = window_start(window, now)
    scope = Window(guild_id, since)
    course = service.course
    found = open_questions(store, matcher, guild_id, TOPICS_SHOWN, since)
    missed = most_missed(store, scope, MISSED_SHOWN)
    facts = fact_index(service, lang, {module for _, module, _, _ in missed if module})
    return CourseStats(
        window=window,
        since=since,
        until=now,
        questions=_questions(store, scope, course, matcher),
        topics=found.groups,
        hidden_topics=found.answered_now,
        quiz=[
            ModuleQuiz(module_id, _title(course, module_id), answers, correct)
            for module_id, answers, correct in _in_course_order(quiz_per_module(store, scope))
        ],
        missed=[
            MissedFact(key, fact_name(facts[key]) if key in facts else key, module, misses, n)
            for key, module, misses, n in missed
        ],
        activity=_days(active_per_day(store, scope), since, now),
        students=active_students(store, scope),
    )


def _title(course: Course, module_id: str | None) -> str:
    module = course.module(module_id) if module_id else None
    return module.title if module else ""


def _order(module_id: str | None) -> tuple:
    """Course order, and the questions placed in no module last."""
    return (1, ()) if module_id is None else (0, natural_key(module_id))


def _in_course_order(rows: Iterable[tuple]) -> list[tuple]:
    return sorted(rows, key=lambda row: _order(row[0]))


def _questions(
    store: Store, scope: Window, course: Course, matcher: Matcher
) -> list[ModuleQuestions]:
    counts: dict[str | None, dict[str, int]] = {}
    names = {"answer": "answered", "suggest": "suggested", "abstain": "abstained"}
    for module_id, outcome, n in outcomes_per_module(store, scope):
        row = counts.setdefault(module_id, {})
        row[names[outcome]] = row.get(names[outcome], 0) + n
    # A vote is on a section or on a FAQ entry, which answers with a section (or its own text).
    sends = faq_sections(matcher)
    for target, helpful, n in votes_per_target(store, scope):
        section = course.section(sends.get(target or "", target or ""))
        module = course.module(target or "")
        module_id = section.module_id if section else module.id if module else None
        key = "helpful" if helpful else "unhelpful"
        row = counts.setdefault(module_id, {})
        row[key] = row.get(key, 0) + n
    return [
        ModuleQuestions(module_id, _title(course, module_id), **values)
        for module_id, values in sorted(counts.items(), key=lambda item: _order(item[0]))
    ]


def _days(rows: list[tuple[str, int]], since: float | None, now: float) -> list[DayActivity]:
    """One entry per day from the window's first day (or the first active one) to today, the
    quiet days at 0, so a chart shows the gaps."""
    active = {date.fromisoformat(day): n for day, n in rows}
    today = datetime.fromtimestamp(now).date()
    if since is not None:
        first = datetime.fromtimestamp(since).date()
    elif active:
        first = min(active)
    else:
        return []
    first = min(first, today)
    return [
        DayActivity(first + timedelta(days=i), active.get(first + timedelta(days=i), 0))
        for i in range((today - first).days + 1)
    ]


# ---------------------------------------------------------------- one student's progress


@dataclass(frozen=True)
class ModuleMastery:
    """One student's standing on a module's facts: those they answered right the last time,
    those they answered at all, and how many the module has."""

    module_id: str
    title: str
    mastered: int
    seen: int
    facts: int

    @property
    def percent(self) -> int:
        """Facts mastered out of the module's facts (or of those seen, when the module's
        count is unknown), in percent."""
        whole = max(self.facts, self.seen)
        return round(100 * self.mastered / whole) if whole else 0


def mastery_of(
    attempts: Iterable[Mapping[str, Any]], course: Course, facts: Mapping[str, QuizItem]
) -> list[ModuleMastery]:
    """Per module a student quizzed on, from their own attempt rows (``Store.export_user``):
    a fact is mastered when its latest answer was right."""
    latest: dict[str, Mapping[str, Any]] = {}
    for row in sorted(attempts, key=lambda r: r["at"]):
        latest[row["item_key"]] = row
    per_module: dict[str, list[bool]] = {}
    for row in latest.values():
        if row["module_id"]:
            per_module.setdefault(row["module_id"], []).append(bool(row["correct"]))
    in_module: dict[str, int] = {}
    for item in facts.values():
        in_module[item.source.module] = in_module.get(item.source.module, 0) + 1
    return [
        ModuleMastery(module_id, _title(course, module_id), sum(marks), len(marks),
                      in_module.get(module_id, 0))
        for module_id, marks in sorted(per_module.items(), key=lambda item: _order(item[0]))
    ]
