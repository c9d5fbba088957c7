"""Scorers: each one rates every index entry for a query, with no say in the decision.

A scorer is anything with a ``name`` and a ``scores(query, within)`` method returning one value
per index entry, between 0 (no evidence) and 1. The matcher fuses the scorers it is given, so a
new way of scoring (another encoder, BM25 for the bench) is a new class here, not an edit of
the decision or of the front ends.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
from rapidfuzz import fuzz

from bot.search.index import BODY_BONUS, FaqIndex
from bot.search.query import Query

FUZZ_SHARE = 0.2
RERANK = 40
PAIR_WEIGHT = 0.25
# A word the course never uses is strong evidence that the question is about something else.
UNKNOWN_WEIGHT = 1.5


class Scorer(Protocol):
    """Rates every entry of one index."""

    name: str

    def scores(self, query: Query, within: np.ndarray | None = None) -> np.ndarray:
        """One score per index entry, 0-1 (0: no evidence); ``within`` is a 0/1 mask of the
        entries allowed (one module's), or None for all."""
        ...


class LexicalScorer:
    """Weighted concept overlap (rare concepts count more, per field, plus adjacent-word pairs)
    blended with rapidfuzz similarity to the entry's questions for the best candidates."""

    name = "lexical"

    def __init__(self, index: FaqIndex) -> None:
        self.index = index

    def scores(self, query: Query, within: np.ndarray | None = None) -> np.ndarray:
        """Concept coverage of each entry, blended with fuzzy similarity for the best
        ``RERANK`` (the others keep their coverage share, which never outranks them)."""
        idx = self.index
        out = np.zeros(len(idx.entries))
        if not query.concepts or not idx.entries:
            return out
        acc = np.zeros(len(idx.entries))
        denominator = 0.0
        for concept, weight in query.concepts:
            idf = idx.idf.get(concept)
            if idf is None:
                denominator += UNKNOWN_WEIGHT * weight * idx.max_idf * (1 + BODY_BONUS)
                continue
            denominator += weight * idf * (1 + BODY_BONUS)
            entries, values = idx.arrays[concept]
            acc[entries] += weight * idf * values
        if within is not None:
            acc *= within
        matched = acc > 0
        if denominator <= 0 or not matched.any():
            return out
        # Pairs reward sections that use the question's words together; they only add.
        for pair in query.pairs:
            if pair in idx.arrays:
                entries, values = idx.arrays[pair]
                acc[entries] += PAIR_WEIGHT * idx.idf[pair] * values * matched[entries]
        coverage = np.minimum(1.0, acc / denominator)
        out = (1 - FUZZ_SHARE) * coverage
        count = min(RERANK, int(matched.sum()))
        top = np.argpartition(-acc, count - 1)[:count] if count < len(acc) else np.arange(len(acc))
        for e in top:
            if acc[e] <= 0:
                continue
            keys = idx.question_keys[e]
            similarity = max((fuzz.token_sort_ratio(query.key, k) for k in keys), default=0) / 100
            out[e] += FUZZ_SHARE * similarity * coverage[e] ** 0.5
        return out
