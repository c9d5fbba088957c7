"""The facts quizzes test, named for people: a fact's review state and its misses are kept by
key (``QuizItem.key``), which means nothing to a student or a TA."""

from __future__ import annotations

import random
from collections.abc import Iterable

from bot.quiz.items import HANDWRITTEN, MCQ, TRUE_FALSE, TYPED, QuizItem
from bot.quiz.service import QuizService

# Which of a fact's items names it best: the typed term, else a choice's answer.
_NAMING_ORDER = {TYPED: 0, MCQ: 1, TRUE_FALSE: 2}


def fact_index(
    service: QuizService, lang: str, modules: Iterable[str] | None = None
) -> dict[str, QuizItem]:
    """The item that best names each fact (review state is kept per fact key) of the course,
    or only of ``modules`` (generating a large course's items takes a few hundred ms)."""
    rng = random.Random(0)
    if modules is None:
        items = service.items(None, rng, lang)
    else:
        known = [m for m in modules if service.course.module(m) is not None]
        items = [item for m in known for item in service.items(m, rng, lang)]
    best: dict[str, QuizItem] = {}
    for item in items:
        known = best.get(item.key)
        if known is None or _NAMING_ORDER[item.kind] < _NAMING_ORDER[known.kind]:
            best[item.key] = item
    return best


def fact_name(item: QuizItem) -> str:
    """What a fact is about: its answer (a term), or the statement or hand-written question
    itself when the answer is only "true", "false" or a letter."""
    named_by_answer = item.origin != HANDWRITTEN and item.kind != TRUE_FALSE
    return item.answer if named_by_answer else item.prompt
