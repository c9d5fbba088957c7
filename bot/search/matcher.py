"""The search pipeline over one course: query analysis -> scorers -> fusion -> decision ->
composition. Build one ``Matcher`` per (re)load, then call ``ask``.

Two scorers at most: the lexical one, always ready, and a dense one (sentence embeddings)
whose index may still be building. While it is not ready, or when there is none, the lexical
score decides with fixed thresholds; once it is, the scores are fused and a calibrated model
decides (``fusion.py``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

import numpy as np

from bot.course.faq import FaqEntry
from bot.course.model import Course
from bot.search.answer import ABSTAIN, EMPTY, SMALLTALK, Answer
from bot.search.compose import Composer
from bot.search.decision import Thresholds, decide, related
from bot.search.fusion import Calibration, features, fuse, shipped_calibration
from bot.search.index import Entry, FaqIndex, build_index
from bot.search.query import Query, QueryAnalyser, smalltalk_kind
from bot.search.scorers import LexicalScorer, Scorer
from bot.text.normalise import Normalizer, strip_markup, words

RANKED = 10


class DenseSide(Scorer, Protocol):
    """A scorer whose index may not be ready yet (:class:`bot.search.dense.DenseScorer`)."""

    @property
    def is_ready(self) -> bool:
        """True once its scores mean something."""
        ...


@dataclass(frozen=True)
class Ranking:
    """One question's scores over the index: each scorer's and the fused one (0-1 each; the
    fused score may fall below 0 in hybrid mode). Entries outside the module asked about hold
    -inf in ``fused``."""

    lexical: np.ndarray
    dense: np.ndarray | None  # None while there is no ready dense side
    fused: np.ndarray

    def best(self, limit: int = RANKED) -> list[tuple[float, int]]:
        """The first ``limit`` entries as (score 0-100, entry), best first; in lexical mode only
        entries with some evidence."""
        fused = self.fused
        candidates = np.flatnonzero(fused > 0 if self.dense is None else np.isfinite(fused))
        if not len(candidates):
            return []
        order = candidates[np.lexsort((candidates, -fused[candidates]))[:limit]]
        return [(100 * max(0.0, float(fused[e])), int(e)) for e in order]


class Matcher:
    """Answers questions from one course."""

    def __init__(
        self,
        course: Course,
        synonyms: list[list[str]] | tuple = (),
        faq: list[FaqEntry] | tuple = (),
        thresholds: Thresholds | None = None,
        lexical: Callable[[FaqIndex], Scorer] = LexicalScorer,
        dense: Callable[[FaqIndex, Course], DenseSide] | None = None,
        calibration: Calibration | None = None,
    ) -> None:
        self.course = course
        self.normalizer = Normalizer(synonyms)
        self.index: FaqIndex = build_index(course, self.normalizer, list(faq))
        self.analyser = QueryAnalyser(self.index, self.normalizer)
        self.lexical = lexical(self.index)
        self.dense = dense(self.index, course) if dense is not None else None
        self.thresholds = thresholds or Thresholds()
        self.calibration = calibration or shipped_calibration()
        self.composer = Composer(course, self.index, self.normalizer)
        self._modules = [e.module_id for e in self.index.entries]

    @property
    def hybrid(self) -> bool:
        """True when the dense side is ready and answers are fused and calibrated."""
        return self.dense is not None and self.dense.is_ready

    def analyse(self, text: str) -> Query:
        """The question as weighted course concepts."""
        return self.analyser.analyse(text)

    def ranking(self, query: Query, module_id: str | None = None) -> Ranking:
        """Every entry's scores; only ``module_id``'s entries count when given."""
        within = self.index.module_mask(module_id) if module_id is not None else None
        lexical = np.asarray(self.lexical.scores(query, within), dtype=np.float64)
        if not self.hybrid or not query.text.strip():
            return Ranking(lexical, None, lexical)
        assert self.dense is not None
        dense = np.asarray(self.dense.scores(query, None), dtype=np.float64)
        if within is not None:
            dense = np.where(within > 0, dense, dense[within > 0].min(initial=0.0))
        fused = fuse(lexical, dense, self.calibration.dense_weight)
        if within is not None:
            fused = np.where(within > 0, fused, -np.inf)
        return Ranking(lexical, dense, fused)

    def rank(
        self, query: Query, limit: int = RANKED, module_id: str | None = None
    ) -> list[tuple[float, int]]:
        """Best entries as (score 0-100, entry index), best first."""
        return self.ranking(query, module_id).best(limit)

    def ask(self, question: str, module_id: str | None = None) -> Answer:
        """The answer, a suggestion list, small talk, or an honest abstention; with
        ``module_id``, only from that module."""
        early = self.screen(question)
        if early is not None:
            return early
        text = strip_markup(question).strip()
        query = self.analyse(text)
        outcome, score, ranked = self.decision(query, self.ranking(query, module_id))
        if not ranked:
            return Answer(question=question, outcome=ABSTAIN)
        entry = self.index.entries[ranked[0][1]]
        return self.composer.answer(
            question,
            entry,
            outcome=outcome,
            score=score,
            query=query,
            alternatives=self.composer.alternatives(ranked, outcome),
        )

    def decision(
        self, query: Query, ranking: Ranking
    ) -> tuple[str, float, list[tuple[float, int]]]:
        """The outcome for ``ranking``, the score it rests on (0-100: the lexical score, or
        in hybrid mode the calibrated chance of being right) and the ranked entries (none:
        abstain)."""
        ranked = ranking.best()
        if not ranked:
            return ABSTAIN, 0.0, []
        best_score, best = ranked[0]
        rival = self.rival(ranked)
        if ranking.dense is None:
            outcome = decide(best_score, rival[0] if rival else 0.0, self.thresholds)
            return outcome, best_score, ranked
        found = self.features(query, ranking, best, rival[1] if rival else None)
        outcome, chance = self.calibration.decide(found)
        return outcome, 100 * chance, ranked

    def rival(self, ranked: list[tuple[float, int]]) -> tuple[float, int] | None:
        """The first of ``ranked`` after the first that is a real rival of it: not the same
        place, nor one inside the other (:func:`related`)."""
        entries = self.index.entries
        top = entries[ranked[0][1]]
        return next(((s, e) for s, e in ranked[1:] if not related(self.course, top, entries[e])),
                    None)

    def screen(self, question: str) -> Answer | None:
        """The answer to a message that is no question for the course (nothing, another
        script, small talk), else None."""
        text = strip_markup(question or "").strip()
        if not any(ch.isalnum() for ch in text):
            return Answer(question=question or "", outcome=EMPTY, example=self.example)
        if not words(text):
            # Letters of another script ("что такое контейнер"): a real question the course
            # cannot answer, worth saying so (and recording), not an empty message.
            return Answer(question=question, outcome=ABSTAIN)
        talk = smalltalk_kind(text)
        if talk:
            return Answer(question=question, outcome=SMALLTALK, smalltalk=talk)
        return None

    def features(
        self, query: Query, ranking: Ranking, top: int, rival: int | None
    ) -> dict[str, float]:
        """What the calibrator reads of a hybrid ranking whose first place is ``top``."""
        assert ranking.dense is not None
        total = sum(w for _, w in query.concepts)
        unknown = sum(w for c, w in query.concepts if c not in self.index.idf)
        return features(
            ranking.lexical,
            ranking.dense,
            ranking.fused,
            top,
            rival,
            self._modules,
            unknown / total if total else 1.0,
            self.index.entries[top].kind == "faq",
        )

    def answer_for(self, entry: Entry, question: str) -> Answer:
        """An answer showing ``entry``, as if it had been picked (a "did you mean" choice)."""
        return self.composer.answer(question, entry)

    @cached_property
    def example(self) -> str | None:
        """A question to suggest to someone who sent nothing: the course's first short title
        (a module's or a section's) written as a question, else its first short title."""
        titles = [title for m in self.course.modules
                  for title in (m.title, *(s.title for s in m.walk())) if 0 < len(title) <= 80]
        return next((t for t in titles if t.rstrip().endswith("?")), titles[0] if titles else None)
