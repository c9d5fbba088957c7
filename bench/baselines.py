"""Baselines behind the search's scorer protocol, so the bench ranks them exactly as it ranks
the bot's own scorers: plain BM25 over each entry's title and text."""

from __future__ import annotations

import numpy as np

from bot.search.index import FaqIndex
from bot.search.query import Query


class BM25Scorer:
    """BM25 (bm25s, Lucene variant) over each entry's heading and text, words lowercased,
    French and English stop words dropped, no stemming: what a search box would do."""

    name = "bm25"

    def __init__(self, index: FaqIndex) -> None:
        import bm25s

        self._bm25s = bm25s
        self._stopwords = sorted(set(bm25s.stopwords.STOPWORDS_FRENCH)
                                 | set(bm25s.stopwords.STOPWORDS_EN))
        corpus = [f"{e.title}\n{e.text}" for e in index.entries]
        self.entries = len(corpus)
        self.model = bm25s.BM25()
        self.model.index(self._tokens(corpus), show_progress=False)

    def _tokens(self, texts: list[str]):
        return self._bm25s.tokenize(texts, stopwords=self._stopwords, show_progress=False)

    def scores(self, query: Query, within: np.ndarray | None = None) -> np.ndarray:
        """Each entry's BM25 score for the question's words (not 0-1: a baseline's ranking)."""
        words = self._bm25s.tokenize([query.text], stopwords=self._stopwords,
                                     show_progress=False, return_ids=False)[0]
        if not words:
            return np.zeros(self.entries)
        out = np.asarray(self.model.get_scores(words), dtype=np.float64)
        return out * within if within is not None else out


class TfidfScorer:
    """Cosine of character 2-5-gram TF-IDF vectors (scikit-learn) of each entry's heading and
    text: robust to typos, blind to meaning."""

    name = "tfidf"

    def __init__(self, index: FaqIndex) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5),
                                          strip_accents="unicode", lowercase=True,
                                          sublinear_tf=True)
        self.matrix = self.vectorizer.fit_transform([f"{e.title}\n{e.text}"
                                                     for e in index.entries])

    def scores(self, query: Query, within: np.ndarray | None = None) -> np.ndarray:
        """Each entry's cosine with the question (0-1)."""
        vector = self.vectorizer.transform([query.text])
        out = (self.matrix @ vector.T).toarray().ravel()
        return out * within if within is not None else out
