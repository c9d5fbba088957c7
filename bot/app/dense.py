"""The dense side of the search as the settings want it: one encoder and one embedding cache
per process, shared by every load and reload, or none (lexical answers only) when the
settings turn it off or the encoder cannot load."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import cache

from bot.config import Settings, dense_enabled, embeddings_path
from bot.course.model import Course
from bot.search.dense import DenseScorer, E5Encoder, EmbeddingCache
from bot.search.index import FaqIndex

log = logging.getLogger("coursebot.app")

DenseFactory = Callable[[FaqIndex, Course], DenseScorer]

_lock = threading.Lock()


@cache
def _encoder() -> E5Encoder | None:
    """The process's encoder, or None (logged once) when it cannot load."""
    try:
        return E5Encoder()
    except Exception as exc:  # noqa: BLE001 - a missing or broken encoder leaves lexical search
        log.warning("dense search off: the encoder cannot load (%s: %s); answering lexically",
                    type(exc).__name__, exc)
        return None


@cache
def _cache(path: str) -> EmbeddingCache | None:
    try:
        return EmbeddingCache(path)
    except Exception as exc:  # noqa: BLE001 - an unusable cache only costs re-embedding
        log.warning("embedding cache %s unusable (%s); embeddings are not kept", path, exc)
        return None


def dense_factory(settings: Settings) -> DenseFactory | None:
    """What builds a course's dense scorer under ``settings``, or None for lexical search."""
    if not dense_enabled(settings):
        return None
    with _lock:
        encoder = _encoder()
        if encoder is None:
            return None
        store = _cache(embeddings_path(settings))

    def build(index: FaqIndex, course: Course) -> DenseScorer:
        return DenseScorer(index, course, encoder, store)

    return build
