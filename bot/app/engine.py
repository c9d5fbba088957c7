"""Everything built from one content folder: the course, the matcher, and what went wrong.

Front ends hold one ``Engine`` and swap it whole on reload, so a broken reload never leaves
half-built state behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.config import AnswerSettings
from bot.course.faq import FaqEntry, load_faq, load_synonyms
from bot.course.loader import load_course
from bot.course.model import Course, Problem, errors_in
from bot.search.matcher import Matcher, Thresholds


@dataclass
class Engine:
    """The loaded course and its answering index."""

    content_dir: str
    course: Course
    matcher: Matcher
    problems: list[Problem] = field(default_factory=list)
    faq: list[FaqEntry] = field(default_factory=list)  # faq.yaml's good entries

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)


def thresholds_from(answer: AnswerSettings) -> Thresholds:
    """The matcher's thresholds, with the configured ones where set (0 keeps the default)."""
    default = Thresholds()
    return Thresholds(
        answer=answer.answer_score or default.answer,
        suggest=answer.suggest_score or default.suggest,
        margin=answer.margin or default.margin,
    )


def load_engine(content_dir: str | Path, thresholds: Thresholds | None = None) -> Engine:
    """Load modules, ``synonyms.yaml`` and ``faq.yaml`` from ``content_dir`` and index them."""
    result = load_course(content_dir)
    synonyms, syn_problems = load_synonyms(content_dir)
    faq, faq_problems = load_faq(content_dir, result.course)
    matcher = Matcher(result.course, synonyms, faq, thresholds)
    problems = [*result.problems, *syn_problems, *faq_problems]
    return Engine(str(content_dir), result.course, matcher, problems, faq)
