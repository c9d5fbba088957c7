"""Spaced review with Leitner boxes: a right answer moves a fact up a box and spaces it out, a
wrong one sends it back to box 1, due at once.

Review state is kept per student and per item key (the fact an item tests), so a missed fact
comes back, possibly in another form, before new ones.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

DAY = 86_400.0
# Days before a fact in box 1..5 is due again; box 1 is due at once.
BOX_DAYS = (0, 1, 3, 7, 21)
TOP_BOX = len(BOX_DAYS)


@dataclass(frozen=True)
class ReviewState:
    """One student's history with one fact."""

    box: int = 1
    due_at: float = 0.0  # epoch seconds
    seen: int = 0
    correct: int = 0
    lapses: int = 0  # wrong answers
    last_correct: bool | None = None
    last_at: float = 0.0

    def is_due(self, now: float) -> bool:
        return self.due_at <= now

    @property
    def missed(self) -> bool:
        return self.last_correct is False


def schedule(state: ReviewState | None, correct: bool, now: float) -> ReviewState:
    """The state after one answer given at ``now``."""
    state = state or ReviewState()
    box = min(state.box + 1, TOP_BOX) if correct else 1
    return ReviewState(
        box=box,
        due_at=now + BOX_DAYS[box - 1] * DAY,
        seen=state.seen + 1,
        correct=state.correct + int(correct),
        lapses=state.lapses + int(not correct),
        last_correct=correct,
        last_at=now,
    )


def review_order(
    keys: Iterable[str], states: Mapping[str, ReviewState], now: float, rng: random.Random
) -> list[str]:
    """``keys`` in the order a review quiz serves them: missed facts that are due, other due
    facts (most overdue first), facts never seen (in random order), then the rest by due date."""
    missed, due, new, later = [], [], [], []
    for key in dict.fromkeys(keys):  # unique, in the given order
        state = states.get(key)
        if state is None:
            new.append(key)
        elif state.is_due(now):
            (missed if state.missed else due).append((state.due_at, key))
        else:
            later.append((state.due_at, key))
    rng.shuffle(new)
    return (
        [k for _, k in sorted(missed)]
        + [k for _, k in sorted(due)]
        + new
        + [k for _, k in sorted(later)]
    )
