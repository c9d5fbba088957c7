"""Per-question timers shared by solo and group quizzes."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot.quiz.session import QuizGame


def seconds_left(game: QuizGame, clock: Callable[[], float]) -> float:
    """Seconds until the open question's deadline (0 when none is open)."""
    question = game.current
    if question is None or question.deadline is None:
        return 0.0
    return max(0.0, question.deadline - clock())


def cancel(timer: asyncio.Task | None) -> None:
    """Cancel a quiz's timer, unless it is the task doing the cancelling."""
    if timer is not None and timer is not asyncio.current_task():
        timer.cancel()
