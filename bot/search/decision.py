"""The decision: answer, suggest or abstain, from the best score and its margin over the first
real rival (not the same place, nor one inside the other)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.course.model import Course
from bot.search.answer import ABSTAIN, ANSWER, SUGGEST
from bot.search.index import Entry
from bot.text.normalise import fold


@dataclass(frozen=True)
class Thresholds:
    """Scores (0-100) that decide between answering, suggesting and abstaining."""

    answer: float = 22.0
    suggest: float = 17.0
    margin: float = 1.0


def decide(best: float, runner_up: float, thresholds: Thresholds) -> str:
    """``answer`` when the best score is high and clear of its rival, ``suggest`` when it is
    only high enough to offer, else ``abstain``."""
    if best >= thresholds.answer and best - runner_up >= thresholds.margin:
        return ANSWER
    if best >= thresholds.suggest:
        return SUGGEST
    return ABSTAIN


def related(course: Course, a: Entry, b: Entry) -> bool:
    """Same place, one inside the other, or the same title (a course that repeats a section in
    two lessons): not a real rival for the margin."""
    if a.key == b.key or (a.section_id and a.section_id == b.section_id):
        return True
    if fold(a.title).strip(" ?:.") == fold(b.title).strip(" ?:."):
        return True
    if a.module_id != b.module_id:
        return False
    if a.kind == "intro" or b.kind == "intro":
        return True
    return _ancestor(course, a.section_id, b.section_id) or _ancestor(
        course, b.section_id, a.section_id
    )


def _ancestor(course: Course, ancestor: str | None, section_id: str | None) -> bool:
    while section_id:
        section = course.section(section_id)
        if section is None:
            return False
        if section.parent_id == ancestor:
            return True
        section_id = section.parent_id
    return False
