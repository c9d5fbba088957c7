"""The search pipeline over one course: query analysis -> scorers -> fusion -> decision ->
composition. Build one ``Matcher`` per (re)load, then call ``ask``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property

import numpy as np

from bot.course.faq import FaqEntry
from bot.course.model import Course
from bot.search.answer import ABSTAIN, EMPTY, SMALLTALK, Answer
from bot.search.compose import Composer
from bot.search.decision import Thresholds, decide, related
from bot.search.index import Entry, FaqIndex, build_index
from bot.search.query import Query, QueryAnalyser, smalltalk_kind
from bot.search.scorers import LexicalScorer, Scorer
from bot.text.normalise import Normalizer, strip_markup, words

RANKED = 10


class Matcher:
    """Answers questions from one course."""

    def __init__(
        self,
        course: Course,
        synonyms: list[list[str]] | tuple = (),
        faq: list[FaqEntry] | tuple = (),
        thresholds: Thresholds | None = None,
        scorers: Sequence[Callable[[FaqIndex], Scorer]] = (LexicalScorer,),
    ) -> None:
        self.course = course
        self.normalizer = Normalizer(synonyms)
        self.index: FaqIndex = build_index(course, self.normalizer, list(faq))
        self.analyser = QueryAnalyser(self.index, self.normalizer)
        self.scorers = [make(self.index) for make in scorers]
        self.thresholds = thresholds or Thresholds()
        self.composer = Composer(course, self.index, self.normalizer)

    def analyse(self, text: str) -> Query:
        """The question as weighted course concepts."""
        return self.analyser.analyse(text)

    def scores(self, query: Query, module_id: str | None = None) -> np.ndarray:
        """The fused score of every entry, 0-100; only ``module_id``'s entries when given."""
        within = self.index.module_mask(module_id) if module_id is not None else None
        fused = sum(scorer.scores(query, within) for scorer in self.scorers) / len(self.scorers)
        return 100 * np.asarray(fused)

    def rank(
        self, query: Query, limit: int = RANKED, module_id: str | None = None
    ) -> list[tuple[float, int]]:
        """Best entries as (score 0-100, entry index), best first."""
        scores = self.scores(query, module_id)
        positive = np.flatnonzero(scores > 0)
        if not len(positive):
            return []
        order = positive[np.lexsort((positive, -scores[positive]))[:limit]]
        return [(float(scores[e]), int(e)) for e in order]

    def ask(self, question: str, module_id: str | None = None) -> Answer:
        """The answer, a suggestion list, small talk, or an honest abstention; with
        ``module_id``, only from that module."""
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
        query = self.analyse(text)
        ranked = self.rank(query, module_id=module_id)
        if not ranked:
            return Answer(question=question, outcome=ABSTAIN)
        best_score, best = ranked[0]
        entry = self.index.entries[best]
        entries = self.index.entries
        rivals = [s for s, e in ranked[1:] if not related(self.course, entry, entries[e])]
        outcome = decide(best_score, rivals[0] if rivals else 0.0, self.thresholds)
        return self.composer.answer(
            question,
            entry,
            outcome=outcome,
            score=best_score,
            query=query,
            alternatives=self.composer.alternatives(ranked, outcome),
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
