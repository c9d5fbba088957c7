"""Checks of the TA-written YAML files beside the modules, for ``check``: here rather than in
``course/`` because ``quiz.yaml`` is the quiz layer's to read."""

from __future__ import annotations

import os

from bot.course.faq import load_faq, load_synonyms
from bot.course.model import Course, Problem
from bot.quiz.bank import load_quiz_bank


def yaml_problems(content_dir: str | os.PathLike, course: Course) -> list[Problem]:
    """Problems of ``faq.yaml``, ``synonyms.yaml`` and ``quiz.yaml`` in ``content_dir``."""
    return (
        list(load_synonyms(content_dir)[1])
        + list(load_faq(content_dir, course)[1])
        + list(load_quiz_bank(content_dir, course)[1])
    )
