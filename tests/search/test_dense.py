"""The dense side: units, the embedding cache (only what changed is embedded, an interrupted
build resumes), the background build, and the matcher's switch from lexical to hybrid answers.
A small bag-of-words encoder stands in for the model, so these run in milliseconds; the real
encoder is exercised by test_hybrid.py."""

from __future__ import annotations

import logging
import threading
import zlib

import numpy as np
import pytest

from bot.course.loader import load_course
from bot.search.answer import ABSTAIN, ANSWER
from bot.search.dense import DenseScorer, EmbeddingCache, chunks, units_of
from bot.search.matcher import Matcher

COURSE = """# 1.1 Les volumes

Intro du module.

## 1.1.1 Créer un volume

Un volume garde les données d'un conteneur après sa suppression.

```bash
# a comment inside code, not prose
docker volume create data
```

## 1.1.2 Monter un dossier

Un bind mount relie un dossier de la machine hôte au conteneur.
"""


class WordsEncoder:
    """Bag of hashed words: texts sharing words get close vectors."""

    version = "words-1"

    def __init__(self, fail: bool = False, gate: threading.Event | None = None) -> None:
        self.embedded: list[str] = []
        self.fail = fail
        self.gate = gate

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(64, dtype=np.float32)
        for word in text.lower().replace(":", " ").replace(">", " ").split():
            v[zlib.crc32(word.encode()) % 64] += 1
        return v / (np.linalg.norm(v) or 1)

    def passages(self, texts: list[str]) -> np.ndarray:
        if self.gate is not None:
            self.gate.wait(5)
        if self.fail:
            raise RuntimeError("no model here")
        self.embedded.extend(texts)
        return np.vstack([self._vector(t) for t in texts])

    def query(self, text: str) -> np.ndarray:
        return self._vector(text)


@pytest.fixture
def course_dir(tmp_path):
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "1.1-volumes.md").write_text(COURSE, encoding="utf-8")
    return folder


def matcher_for(folder, encoder, cache=None):
    course = load_course(folder).course
    return Matcher(course, dense=lambda index, c: DenseScorer(index, c, encoder, cache))


def test_a_section_is_one_unit_of_its_heading_path_and_opening_without_code(course_dir):
    matcher = matcher_for(course_dir, WordsEncoder())
    texts = [u.text for u in units_of(matcher.course, matcher.index)]
    create = next(t for t in texts if "Créer un volume" in t)
    assert create.startswith("Les volumes > Créer un volume : Un volume garde")
    assert "docker volume create" not in create and "comment" not in create
    assert chunks("a. " * 400, 100)[0].endswith("a.")  # cut at sentence ends


def test_a_restart_embeds_nothing_and_an_edit_embeds_only_the_changed_section(
    course_dir, tmp_path
):
    cache = EmbeddingCache(tmp_path / "embeddings.sqlite3")
    first = WordsEncoder()
    assert matcher_for(course_dir, first, cache).dense.build()
    assert len(first.embedded) == 3  # the intro and two sections

    again = WordsEncoder()
    assert matcher_for(course_dir, again, cache).dense.build()
    assert again.embedded == []

    path = course_dir / "1.1-volumes.md"
    path.write_text(COURSE.replace("relie un dossier", "partage un dossier"), encoding="utf-8")
    edited = WordsEncoder()
    assert matcher_for(course_dir, edited, cache).dense.build()
    assert len(edited.embedded) == 1 and "partage un dossier" in edited.embedded[0]


def test_an_interrupted_build_keeps_what_it_embedded_and_resumes(course_dir, tmp_path):
    cache = EmbeddingCache(tmp_path / "embeddings.sqlite3")
    matcher = matcher_for(course_dir, WordsEncoder(), cache)
    dense = matcher.dense
    dense.stop()
    assert dense.build() is False and not dense.is_ready and dense.status() == "stopped"
    resumed = WordsEncoder()
    again = matcher_for(course_dir, resumed, cache).dense
    assert again.missing() == 3
    assert again.build() and again.missing() == 0 and again.status() == "ready"


def test_answers_are_lexical_while_the_index_builds_then_hybrid(course_dir):
    gate = threading.Event()
    matcher = matcher_for(course_dir, WordsEncoder(gate=gate))
    matcher.dense.start()
    assert not matcher.hybrid
    assert matcher.dense.status().startswith("building")
    lexical = matcher.ask("comment créer un volume")
    assert lexical.outcome == ANSWER and lexical.section_id == "1.1.1"
    gate.set()
    assert matcher.dense.wait(5)
    assert matcher.hybrid
    hybrid = matcher.ask("comment créer un volume")
    assert hybrid.section_id == "1.1.1" or hybrid.outcome != ANSWER
    assert 0 <= hybrid.score <= 100


def test_an_encoder_that_fails_leaves_lexical_answers_and_one_log_line(course_dir, caplog):
    matcher = matcher_for(course_dir, WordsEncoder(fail=True))
    with caplog.at_level(logging.WARNING, logger="coursebot.dense"):
        assert matcher.dense.build() is False
    assert [r.message for r in caplog.records if "answering lexically" in r.message]
    assert matcher.dense.status().startswith("failed: RuntimeError")
    assert not matcher.hybrid
    assert matcher.ask("comment créer un volume").outcome == ANSWER
    assert matcher.ask("recette de la tarte aux pommes").outcome == ABSTAIN


def test_module_restricted_questions_stay_in_their_module_in_hybrid_mode(tmp_path):
    folder = tmp_path / "two"
    folder.mkdir()
    (folder / "1.1-volumes.md").write_text(COURSE, encoding="utf-8")
    (folder / "2.1-reseaux.md").write_text(
        "# 2.1 Les réseaux\n\n## 2.1.1 Créer un réseau\n\nUn réseau relie des conteneurs.\n",
        encoding="utf-8",
    )
    matcher = matcher_for(folder, WordsEncoder())
    assert matcher.dense.build()
    ranked = matcher.rank(matcher.analyse("créer un réseau"), module_id="1.1")
    assert ranked and all(matcher.index.entries[e].module_id == "1.1" for _, e in ranked)
