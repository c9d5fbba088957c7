"""One pass of a course's bench questions through the search pipeline, kept in memory so that
fusion weights and calibrations can be tried on it without asking again.

``collect`` loads a bench course with the product's own Matcher (lexical and dense sides, the
dense index from the embedding cache under ``data/``), and records for each question its
lexical and dense score vectors and which entries are right. ``replay`` then decides each
question under a given calibration exactly as ``Matcher.ask`` does, and ``metrics`` turns the
outcomes into the bench's figures.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

import numpy as np
from tqdm import tqdm

from bot.course.faq import load_synonyms
from bot.course.loader import load_course
from bot.search.answer import ABSTAIN, ANSWER, SUGGEST
from bot.search.dense import DenseScorer, E5Encoder, EmbeddingCache
from bot.search.fusion import Calibration, fuse
from bot.search.matcher import Matcher, Ranking
from bot.search.query import Query
from common import EMBEDDINGS, QUESTIONS, BenchCourse, Gold, Question, load_questions


@dataclass
class Asked:
    """One question as the pipeline saw it."""

    q: Question
    query: Query | None  # None: screened out (empty, small talk) before any ranking
    lexical: np.ndarray | None = None
    dense: np.ndarray | None = None
    gold: np.ndarray | None = None
    lexical_outcome: str = ABSTAIN  # today's lexical matcher, as ``ask`` decides alone
    lexical_shown: list[int] = field(default_factory=list)


@dataclass
class CourseRun:
    """A course's matcher and every question asked of it."""

    course: BenchCourse
    matcher: Matcher
    asked: list[Asked]
    load_seconds: float
    query_ms: list[float]


def collect(course: BenchCourse) -> CourseRun:
    """Ask every question of ``course`` once, keeping both scorers' vectors."""
    if not course.folder.is_dir():
        sys.exit(f"course folder absent: {course.folder}")
    started = time.perf_counter()
    loaded = load_course(course.folder).course
    synonyms = load_synonyms(course.synonyms)[0] if course.synonyms else []
    encoder, cache = E5Encoder(), EmbeddingCache(EMBEDDINGS)
    matcher = Matcher(
        loaded, synonyms, dense=lambda index, c: DenseScorer(index, c, encoder, cache)
    )
    load_seconds = time.perf_counter() - started
    assert matcher.dense is not None
    with tqdm(desc=f"{course.name}: dense index", unit="unit", leave=False,
              disable=not sys.stderr.isatty()) as bar:

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.n = done
            bar.refresh()

        matcher.dense.build(progress)
    gold = Gold(course.folder, loaded, matcher.index.entries)
    questions = [q for name in course.question_files for q in load_questions(QUESTIONS / name)]
    asked = []
    costs = []
    for q in tqdm(questions, desc=f"{course.name}: questions", leave=False,
                  disable=not sys.stderr.isatty()):
        if matcher.screen(q.text) is not None:
            asked.append(Asked(q, None))
            continue
        query = matcher.analyse(q.text)
        lexical = matcher.lexical.scores(query)
        start = time.perf_counter()
        dense = matcher.dense.scores(query)
        costs.append(1000 * (time.perf_counter() - start))
        right = np.array([gold.right(q, e) for e in range(len(gold.entries))], dtype=bool)
        alone = lexical_decision(matcher, query, lexical)
        asked.append(Asked(q, query, lexical, dense, right, *alone))
    return CourseRun(course, matcher, asked, load_seconds, costs)


def lexical_decision(matcher: Matcher, query: Query, lexical: np.ndarray) -> tuple[str, list]:
    """Today's matcher, the lexical side alone: its outcome and its first three places."""
    outcome, _, ranked = matcher.decision(query, Ranking(lexical, None, lexical))
    return outcome, first_places(matcher, ranked)


def first_places(matcher: Matcher, ranked: list[tuple[float, int]]) -> list[int]:
    """The first three places of ``ranked``, one entry each, as a "did you mean" shows them."""
    return [e for _, e in matcher.composer.shown(ranked, SUGGEST)]


@dataclass(frozen=True)
class Decided:
    """One question's outcome under a calibration."""

    q: Question
    outcome: str
    top_right: bool  # the first place is right, whatever the outcome
    useful: bool  # answered right, or a right place among the suggestions
    top3: bool  # a right place among the first three places
    features: dict[str, float] | None


@dataclass(frozen=True)
class View:
    """One question's hybrid ranking under one fusion weight, before any decision."""

    q: Question
    features: dict[str, float] | None  # None: screened out before any ranking
    top_right: bool
    top3: bool


def views(run: CourseRun, dense_weight: float) -> list[View]:
    """Every question's fused ranking, as ``Matcher.ask`` builds it, with ``dense_weight``."""
    matcher = run.matcher
    out = []
    for a in run.asked:
        if a.query is None or a.lexical is None or a.dense is None or a.gold is None:
            out.append(View(a.q, None, False, False))
            continue
        ranking = Ranking(a.lexical, a.dense, fuse(a.lexical, a.dense, dense_weight))
        ranked = ranking.best()
        best = ranked[0][1]
        rival = matcher.rival(ranked)
        found = matcher.features(a.query, ranking, best, rival[1] if rival else None)
        places = first_places(matcher, ranked)
        out.append(View(a.q, found, bool(a.gold[best]), bool(a.gold[places].any())))
    return out


def decide_views(seen: list[View], calibration: Calibration) -> list[Decided]:
    """Each view decided by ``calibration``."""
    out = []
    for v in seen:
        if v.features is None:
            out.append(Decided(v.q, ABSTAIN, False, False, False, None))
            continue
        outcome, _ = calibration.decide(v.features)
        useful = v.top_right if outcome == ANSWER else outcome == SUGGEST and v.top3
        out.append(Decided(v.q, outcome, v.top_right, useful, v.top3, v.features))
    return out


def replay(run: CourseRun, calibration: Calibration) -> list[Decided]:
    """Every question decided as ``Matcher.ask`` would with ``calibration``."""
    return decide_views(views(run, calibration.dense_weight), calibration)


def replay_lexical(run: CourseRun) -> list[Decided]:
    """Every question as today's lexical matcher decides it."""
    out = []
    for a in run.asked:
        places = a.lexical_shown
        if a.gold is None or not places:
            out.append(Decided(a.q, a.lexical_outcome, False, False, False, None))
            continue
        first = bool(a.gold[places[0]])
        some = bool(a.gold[places].any())
        useful = first if a.lexical_outcome == ANSWER else a.lexical_outcome == SUGGEST and some
        out.append(Decided(a.q, a.lexical_outcome, first, useful, some, None))
    return out


def metrics(rows: list[Decided]) -> dict[str, float]:
    """The bench's figures over ``rows``: shares of the answerable questions (top-1, useful@3,
    answered right), of all questions (confidently wrong: answered but wrong, an off-topic
    question answered counting as wrong) and of the off-topic ones (abstention)."""
    answerable = [r for r in rows if r.q.answerable]
    off = [r for r in rows if not r.q.answerable]
    n = max(1, len(answerable))
    wrong = sum(r.outcome == ANSWER and not (r.q.answerable and r.top_right) for r in rows)
    return {
        "n": len(answerable),
        "off_n": len(off),
        "top1": sum(r.top_right for r in answerable) / n,
        "useful3": sum(r.useful for r in answerable) / n,
        "top3": sum(r.top3 for r in answerable) / n,
        "right": sum(r.outcome == ANSWER and r.top_right for r in answerable) / n,
        "wrong": wrong / max(1, len(rows)),
        "off_abstain": sum(r.outcome == ABSTAIN for r in off) / max(1, len(off)),
    }
