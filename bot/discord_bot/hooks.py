"""What the Discord front end reports outward: votes and unanswered questions.

The bot never stores anything itself. It calls plain callables given to ``create_bot``; phase 1
ships an in-memory list of unanswered questions, phase 2 passes the SQLite store's methods.
A hook may be a plain function or a coroutine function.
"""

from __future__ import annotations

import inspect
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Feedback:
    """A 👍 or 👎 on an answer."""

    user_id: int
    guild_id: int | None
    channel_id: int | None
    target: str  # what was answered: a section id, a module id or ``faq:path:line``
    module_id: str | None
    helpful: bool
    question: str | None  # as shown on the answer; None when the message did not show it
    at: datetime = field(default_factory=_now)


@dataclass(frozen=True)
class Unanswered:
    """A question the bot abstained on."""

    question: str
    user_id: int
    guild_id: int | None
    channel_id: int | None
    module_id: str | None  # the module the student restricted the question to, if any
    best_guess: str | None  # the matcher's best guess (section or module id), if any
    score: float
    at: datetime = field(default_factory=_now)


FeedbackHook = Callable[[Feedback], Awaitable[None] | None]
UnansweredHook = Callable[[Unanswered], Awaitable[None] | None]
# (guild id or None for every guild, how many) -> most recent first
UnansweredSource = Callable[
    [int | None, int], Sequence[Unanswered] | Awaitable[Sequence[Unanswered]]
]


def _ignore(_: Any) -> None:
    return None


@dataclass(frozen=True)
class Hooks:
    """The callables the bot reports to; the defaults record nothing."""

    feedback: FeedbackHook = _ignore
    on_unanswered: UnansweredHook = _ignore
    list_unanswered: UnansweredSource | None = None


async def call_hook(hook: Callable[..., Any], *args: Any) -> Any:
    """Call a sync or async hook and return its result.

    A failing hook is logged and yields None: a broken store must not stop the bot answering.
    """
    try:
        result = hook(*args)
        if inspect.isawaitable(result):
            result = await result
        return result
    except Exception:
        log.exception("hook %s failed", getattr(hook, "__qualname__", hook))
        return None


class MemoryUnanswered:
    """The latest unanswered questions, in memory (lost on restart; phase 2 uses SQLite)."""

    def __init__(self, limit: int = 500) -> None:
        self._items: deque[Unanswered] = deque(maxlen=limit)

    def record(self, item: Unanswered) -> None:
        """The ``on_unanswered`` hook: keep ``item``, dropping the oldest when full."""
        self._items.append(item)

    def recent(self, guild_id: int | None, limit: int) -> list[Unanswered]:
        """Most recent first, only this guild's when ``guild_id`` is given."""
        out = [u for u in reversed(self._items) if guild_id is None or u.guild_id == guild_id]
        return out[:limit]
