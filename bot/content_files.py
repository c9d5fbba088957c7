"""Checks of the TA-written YAML files beside the modules, for ``check`` and ``/reload``."""

from __future__ import annotations

import argparse

from bot.config import resolve_content_dir
from bot.course.model import Course, Problem
from bot.quiz.bank import load_quiz_bank
from bot.search.faq import load_faq, load_synonyms


def yaml_problems(content_dir: str, course: Course) -> list[Problem]:
    """Problems of ``faq.yaml``, ``synonyms.yaml`` and ``quiz.yaml`` in ``content_dir``."""
    return (
        list(load_synonyms(content_dir)[1])
        + list(load_faq(content_dir, course)[1])
        + list(load_quiz_bank(content_dir, course)[1])
    )


def check_content_files(args: argparse.Namespace, course: Course) -> list[Problem]:
    return yaml_problems(resolve_content_dir(args), course)
