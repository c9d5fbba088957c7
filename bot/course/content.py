"""A content folder read once: the modules, ``faq.yaml``, ``synonyms.yaml`` and their problems.

Kept apart from ``loader`` because ``faq`` imports the loader (for ``ContentError``): the one
function that reads every course file lives above both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from bot.course.faq import FaqEntry, load_faq, load_synonyms
from bot.course.loader import load_course
from bot.course.model import Course, Problem, errors_in


@dataclass(frozen=True)
class Content:
    """Everything the course files say, parsed once per load; search and quizzes share it."""

    folder: str
    course: Course
    faq: tuple[FaqEntry, ...] = ()
    # Synonym groups as tuples: immutable, so one parse can be shared by search and quizzes.
    synonyms: tuple[tuple[str, ...], ...] = ()
    # The modules' own problems, apart: the quiz commands report only these and quiz.yaml's,
    # as they did before the content was loaded in one place.
    module_problems: tuple[Problem, ...] = ()
    problems: tuple[Problem, ...] = field(default=())  # modules', then synonyms', then FAQ's

    @property
    def errors(self) -> list[Problem]:
        """The problems that are errors (a module that did not load, a YAML syntax error)."""
        return errors_in(list(self.problems))


def load_content(folder: str | os.PathLike) -> Content:
    """Read every Markdown module, ``synonyms.yaml`` and ``faq.yaml`` under ``folder``; a bad file
    or entry is reported and the rest still loads."""
    result = load_course(folder)
    synonyms, syn_problems = load_synonyms(folder)
    faq, faq_problems = load_faq(folder, result.course)
    return Content(
        folder=str(folder),
        course=result.course,
        faq=tuple(faq),
        synonyms=tuple(tuple(group) for group in synonyms),
        module_problems=tuple(result.problems),
        problems=(*result.problems, *syn_problems, *faq_problems),
    )
