"""What solo and group quizzes share in Discord: the running ones by key, and a deadline timer
for each."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, Generic, Protocol, TypeVar

from bot.quiz.service import QuizService
from bot.quiz.session import QuizGame


class Run(Protocol):
    """What every running quiz carries in the front end."""

    timer: asyncio.Task | None
    service: QuizService  # the service that started it: it survives a /reload


R = TypeVar("R", bound=Run)


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


class RunningQuizzes(Generic[R]):
    """The running quizzes of one kind, by key (a user id for solo, a channel id for group);
    each run carries its ``timer`` task and the ``service`` that started it."""

    kind = ""  # names the timer tasks

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self.runs: dict[int, R] = {}

    def key(self, run: R) -> int:
        raise NotImplementedError

    def game(self, run: R) -> QuizGame:
        raise NotImplementedError

    def watch(self, run: R) -> Coroutine[Any, Any, None]:
        """The run's timer: what happens at its deadline."""
        raise NotImplementedError

    def is_current(self, run: R) -> bool:
        """Whether ``run`` is still the one running under its key (not ended nor replaced)."""
        return self.runs.get(self.key(run)) is run

    def drop(self, run: R) -> None:
        """Forget an ended run and stop its timer."""
        if self.is_current(run):
            del self.runs[self.key(run)]
        cancel(run.timer)

    def seconds_left(self, run: R) -> float:
        return seconds_left(self.game(run), run.service.clock)

    def arm(self, run: R) -> None:
        """(Re)start the run's timer for its current state."""
        cancel(run.timer)
        name = f"coursebot-{self.kind}-{self.key(run)}"
        run.timer = asyncio.create_task(self.watch(run), name=name)

    def shutdown(self) -> None:
        """Stop every timer (the bot is closing)."""
        for run in list(self.runs.values()):
            if run.timer is not None:
                run.timer.cancel()
