"""Hybrid ranking and its calibrated decision: the lexical and dense scores fused into one
ranking, and the chance that its first place is right read from features of both.

The coefficients are data (``model/calibration.yaml``), fitted by ``bench/calibrate.py`` on the
dev questions of several courses at once and reported course by course, each course's figures
from a fit on the others only: nothing here is tuned to one course.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import yaml

from bot.search.answer import ABSTAIN, ANSWER, SUGGEST

# What the calibrator reads of a ranking, in the order of its coefficients.
FEATURES = (
    "fused",  # the first place's fused score
    "margin",  # its lead over the first real rival (another place of the course)
    "lexical",  # the first place's lexical score
    "lexical_max",
    "dense",  # the first place's cosine
    "dense_max",
    "dense_peak",  # how far the best cosine stands above the next nine
    "agree_lexical",  # the lexical scorer's own first place is the same place
    "agree_dense",  # the dense scorer's own first place is in the same lesson
    "unknown",  # share of the question's weight in words the course never uses
    "faq",  # the first place is a TA's FAQ answer
)


@dataclass(frozen=True)
class Calibration:
    """How to fuse, and the two logistic models that decide: ``answer`` estimates the chance
    that the first place is right, ``useful`` the chance that a right place is among the
    first three (worth suggesting)."""

    dense_weight: float
    answer: tuple[float, ...]  # intercept, then one coefficient per feature
    useful: tuple[float, ...]
    answer_at: float  # answer from this chance of being right
    suggest_at: float  # else suggest from this chance of a useful list

    def chances(self, features: dict[str, float]) -> tuple[float, float]:
        """(chance the first place is right, chance the first three hold a right place)."""
        x = [features[name] for name in FEATURES]
        return _logistic(self.answer, x), _logistic(self.useful, x)

    def decide(self, features: dict[str, float]) -> tuple[str, float]:
        """The outcome and the chance of being right (0-1) that it rests on."""
        right, useful = self.chances(features)
        if right >= self.answer_at:
            return ANSWER, right
        if useful >= self.suggest_at:
            return SUGGEST, right
        return ABSTAIN, right

    def as_dict(self) -> dict:
        """The YAML form ``load_calibration`` reads."""
        return {
            "dense_weight": self.dense_weight,
            "features": list(FEATURES),
            "answer": [round(c, 5) for c in self.answer],
            "useful": [round(c, 5) for c in self.useful],
            "answer_at": self.answer_at,
            "suggest_at": self.suggest_at,
        }


def _logistic(coefficients: tuple[float, ...], x: list[float]) -> float:
    z = coefficients[0] + sum(c * v for c, v in zip(coefficients[1:], x, strict=True))
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def calibration_from(data: dict) -> Calibration:
    """A calibration from its YAML form; its feature list must be this code's."""
    if list(data.get("features", [])) != list(FEATURES):
        raise ValueError("calibration features do not match the code's; run bench/calibrate.py")
    return Calibration(
        dense_weight=float(data["dense_weight"]),
        answer=tuple(float(c) for c in data["answer"]),
        useful=tuple(float(c) for c in data["useful"]),
        answer_at=float(data["answer_at"]),
        suggest_at=float(data["suggest_at"]),
    )


@cache
def shipped_calibration() -> Calibration:
    """The calibration that ships with the bot."""
    text = resources.files("bot.search").joinpath("model/calibration.yaml").read_text("utf-8")
    return calibration_from(yaml.safe_load(text))


def fuse(lexical: np.ndarray, dense: np.ndarray, dense_weight: float) -> np.ndarray:
    """One score per entry: the lexical score plus the cosine's distance below the best
    cosine, weighted. Cosines of one encoder crowd into a narrow band whose height varies
    from question to question, so only their differences are comparable with the lexical
    score; the lexical side keeps its zero for no evidence."""
    if not len(dense):
        return lexical
    return lexical + dense_weight * (dense - dense.max())


def features(
    lexical: np.ndarray,
    dense: np.ndarray,
    fused: np.ndarray,
    top: int,
    rival: int | None,
    modules: list[str],
    unknown: float,
    faq: bool,
) -> dict[str, float]:
    """What the calibrator reads of one question's ranking; ``top`` is the fused first place,
    ``rival`` the first place that is not the same place nor inside it."""
    best_dense = int(np.argmax(dense))
    others = np.partition(dense, -10)[-10:] if len(dense) > 10 else dense
    return {
        "fused": float(fused[top]),
        "margin": float(fused[top] - fused[rival]) if rival is not None else 1.0,
        "lexical": float(lexical[top]),
        "lexical_max": float(lexical.max()),
        "dense": float(dense[top]),
        "dense_max": float(dense[best_dense]),
        "dense_peak": float(dense[best_dense] - others.mean()),
        "agree_lexical": float(int(np.argmax(lexical)) == top),
        "agree_dense": float(modules[best_dense] == modules[top]),
        "unknown": unknown,
        "faq": float(faq),
    }
