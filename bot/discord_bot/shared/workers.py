"""Where the core's slow CPU work runs: off the event loop, one quiz draw at a time, one
chart at a time beside it, and questions on their own threads.

Drawing a quiz's questions is pure Python (10 to 70 ms on a large course). In a thread it does
not block the event loop, but several such threads at once take the interpreter lock from it
and every click waits (measured in bench/quiz_load.py); one at a time, the loop keeps its share.
Store calls are short and wait on the disk: they use ``asyncio.to_thread``.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")

_DRAWS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coursebot-quiz")
# Stats and charts (a few hundred ms of matplotlib) on a thread of their own, one at a time:
# a TA's chart never delays a student's quiz.
_CHARTS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coursebot-chart")


# Answering runs the sentence encoder (tens of milliseconds): never on the event loop. Two
# threads, so a question's lexical part runs while another's encoder call holds the model.
_SEARCH = ThreadPoolExecutor(max_workers=2, thread_name_prefix="coursebot-search")


async def _on(executor: ThreadPoolExecutor, func: Callable[..., T], *args, **kwargs) -> T:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(executor, functools.partial(func, *args, **kwargs))


async def draw(func: Callable[..., T], /, *args, **kwargs) -> T:
    """Run ``func(*args, **kwargs)`` (a quiz draw) on the single quiz thread."""
    return await _on(_DRAWS, func, *args, **kwargs)


async def chart(func: Callable[..., T], /, *args, **kwargs) -> T:
    """Run ``func(*args, **kwargs)`` (stats, a chart) on the single chart thread."""
    return await _on(_CHARTS, func, *args, **kwargs)


async def search(func: Callable[..., T], /, *args, **kwargs) -> T:
    """Run ``func(*args, **kwargs)`` (answering a question) on the search threads."""
    return await _on(_SEARCH, func, *args, **kwargs)
