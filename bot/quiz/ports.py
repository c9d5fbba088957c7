"""What the quizzes need from storage, as a port: the store (an adapter) implements it, and
the quiz package never imports the store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.quiz.review import ReviewState


class StorageUnavailable(RuntimeError):
    """Answers cannot be saved (or read): the message says why."""


@dataclass(frozen=True)
class Attempt:
    """One graded quiz answer."""

    user_id: str
    guild_id: int | None
    item_key: str
    module_id: str | None
    section_id: str | None
    kind: str
    answer: str
    correct: bool
    reason: str
    mode: str  # solo or group
    at: float
    points: int = 0  # scored in a group quiz


class QuizStore(Protocol):
    """Where answers and spaced-review state are kept."""

    def record_answer(self, attempt: Attempt, review: ReviewState) -> None:
        """Save one graded answer and the fact's new review state; raises
        :class:`StorageUnavailable` when it cannot."""
        ...

    def review_state(self, user_id: str, item_key: str) -> ReviewState | None:
        """One student's state for one fact, if any."""
        ...

    def review_states(self, user_id: str) -> dict[str, ReviewState]:
        """Every fact's state for one student."""
        ...
