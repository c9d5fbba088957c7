"""SQLite storage (standard ``sqlite3``, WAL): quiz attempts, review state, scores per guild,
questions the bot could not answer, answer feedback, and per-guild settings.

The schema is versioned with ``PRAGMA user_version`` and migrated when the store opens. A
broken disk must not break the bot: when the database cannot be opened or written (read-only
file, full disk, unwritable folder), writes raise :class:`StoreUnavailable` with a readable
reason, for front ends to say "progress cannot be saved", and reads return empty results.

Ids are stored as given: user ids as text (a Discord id or a terminal user name), guild ids as
integers, ``None`` (the terminal, direct messages) stored as 0.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from bot.quiz.ports import Attempt, StorageUnavailable
from bot.quiz.review import ReviewState

log = logging.getLogger(__name__)

DEFAULT_PATH = "data/coursebot.sqlite3"
OUTCOMES = ("answer", "suggest", "abstain")
STORED_OUTCOMES = ("suggest", "abstain")  # answered questions need no follow-up
MAX_TEXT = 2000
_GROUPED_ROWS = 5000  # the most recent rows grouped by ``unanswered``

# One script per version: MIGRATIONS[i] takes a database from version i to i + 1.
MIGRATIONS: tuple[str, ...] = (
    # 1: quizzes
    """
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        user_id TEXT NOT NULL,
        guild_id INTEGER NOT NULL DEFAULT 0,
        item_key TEXT NOT NULL,
        module_id TEXT,
        section_id TEXT,
        kind TEXT NOT NULL,
        answer TEXT NOT NULL,
        correct INTEGER NOT NULL,
        reason TEXT NOT NULL,
        mode TEXT NOT NULL,
        at REAL NOT NULL
    );
    CREATE INDEX attempts_user ON attempts (user_id, at);
    CREATE TABLE reviews (
        user_id TEXT NOT NULL,
        item_key TEXT NOT NULL,
        box INTEGER NOT NULL,
        due_at REAL NOT NULL,
        seen INTEGER NOT NULL,
        correct INTEGER NOT NULL,
        lapses INTEGER NOT NULL,
        last_correct INTEGER,
        last_at REAL NOT NULL,
        PRIMARY KEY (user_id, item_key)
    );
    CREATE TABLE scores (
        guild_id INTEGER NOT NULL,
        user_id TEXT NOT NULL,
        points INTEGER NOT NULL DEFAULT 0,
        answered INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (guild_id, user_id)
    );
    """,
    # 2: the answering side, and settings a TA changes at run time
    """
    CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        guild_id INTEGER NOT NULL DEFAULT 0,
        user_id TEXT NOT NULL,
        question TEXT NOT NULL,
        outcome TEXT NOT NULL,
        score REAL,
        module_id TEXT,
        section_id TEXT,
        at REAL NOT NULL
    );
    CREATE INDEX questions_guild ON questions (guild_id, at);
    CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        guild_id INTEGER NOT NULL DEFAULT 0,
        user_id TEXT NOT NULL,
        question TEXT NOT NULL,
        section_id TEXT,
        helpful INTEGER NOT NULL,
        at REAL NOT NULL
    );
    CREATE INDEX feedback_guild ON feedback (guild_id, at);
    CREATE TABLE guild_settings (
        guild_id INTEGER NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (guild_id, key)
    );
    """,
    # 3: one vote per user per answer (question and section), the last one kept: clicking 👎
    # four times, or 👎 then 👍, is one opinion, not five
    """
    DELETE FROM feedback WHERE id NOT IN (
        SELECT MAX(id) FROM feedback GROUP BY guild_id, user_id, question, section_id
    );
    CREATE UNIQUE INDEX feedback_vote
        ON feedback (guild_id, user_id, question, IFNULL(section_id, ''));
    """,
    # 4: every question's outcome, answered ones included, for the TAs' stats (no text: an
    # answered question needs no follow-up, only counting); the week each digest channel last
    # got its digest, so a restart neither posts it twice nor misses it
    """
    CREATE TABLE asked (
        id INTEGER PRIMARY KEY,
        guild_id INTEGER NOT NULL DEFAULT 0,
        user_id TEXT NOT NULL,
        outcome TEXT NOT NULL,
        module_id TEXT,
        at REAL NOT NULL
    );
    INSERT INTO asked (guild_id, user_id, outcome, module_id, at)
        SELECT guild_id, user_id, outcome, module_id, at FROM questions;
    CREATE INDEX asked_at ON asked (at);
    CREATE INDEX attempts_at ON attempts (at);
    CREATE TABLE digests (
        channel_id INTEGER PRIMARY KEY,
        week TEXT NOT NULL,
        at REAL NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
# Tables holding one user's data, for export and deletion.
USER_TABLES = ("attempts", "reviews", "scores", "questions", "feedback", "asked")

T = TypeVar("T")


class StoreUnavailable(StorageUnavailable):
    """The database cannot be written (or, for an export, read): the message says why."""


def existing_database(path: str | Path) -> Store:
    """The store at ``path`` for a TA's terminal command, which must find data there: a
    mistyped path would otherwise create an empty database and report "no data"."""
    if not Path(path).is_file():
        raise StoreUnavailable(f"no database at {path}")
    return Store(path)


@dataclass(frozen=True)
class ScoreRow:
    """A user's totals in one guild."""

    user_id: str
    points: int
    answered: int
    correct: int


def _guild(guild_id: int | None) -> int:
    return int(guild_id) if guild_id else 0


class Store:
    """The bot's database. Opening never raises: a store that cannot be used says why in
    ``problem``, its writes raise :class:`StoreUnavailable` and its reads return nothing."""

    def __init__(self, path: str | Path = DEFAULT_PATH, *, clock: Callable[[], float] = time.time):
        self.path = str(path)
        self.clock = clock
        self.problem: str | None = None
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(
                self.path, timeout=5, isolation_level=None, check_same_thread=False
            )
            self._conn.execute("PRAGMA busy_timeout = 5000")
        except (OSError, sqlite3.Error) as exc:
            self.problem = f"cannot open the database {self.path}: {exc}"
            log.warning(self.problem)
            return
        try:
            self._conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.Error as exc:  # a read-only database still serves reads
            log.info("WAL not enabled on %s: %s", self.path, exc)
        try:
            self._migrate()
        except sqlite3.Error as exc:
            self.problem = f"cannot prepare the database {self.path}: {exc}"
            log.warning(self.problem)

    # --------------------------------------------------------------------- plumbing

    @property
    def available(self) -> bool:
        """True when the database opened at the current schema version."""
        return self._conn is not None and self.problem is None

    @property
    def version(self) -> int:
        """The schema version of the file (0 when it cannot be read)."""
        return self._read(lambda c: c.execute("PRAGMA user_version").fetchone()[0], 0)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _migrate(self) -> None:
        assert self._conn is not None
        current = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if current > SCHEMA_VERSION:
            self.problem = (
                f"the database {self.path} has schema version {current}, newer than this bot's "
                f"{SCHEMA_VERSION}: upgrade the bot"
            )
            return
        for version in range(current, SCHEMA_VERSION):
            # One transaction per step: a failed step leaves the previous version intact.
            script = (
                f"BEGIN IMMEDIATE;\n{MIGRATIONS[version]}\n"
                f"PRAGMA user_version = {version + 1};\nCOMMIT;"
            )
            try:
                self._conn.executescript(script)
            except sqlite3.Error:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            log.info("database %s migrated to version %d", self.path, version + 1)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction; any database error becomes StoreUnavailable."""
        if self._conn is None or self.problem is not None:
            raise StoreUnavailable(self.problem or f"the database {self.path} is closed")
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise StoreUnavailable(f"cannot write to the database {self.path}: {exc}") from exc

    def _read(self, query: Callable[[sqlite3.Connection], T], default: T) -> T:
        """Run a read; on any database problem log it and return ``default``."""
        if self._conn is None:
            return default
        with self._lock:
            try:
                return query(self._conn)
            except sqlite3.Error as exc:
                log.warning("database read failed on %s: %s", self.path, exc)
                return default

    def _rows(self, sql: str, params: tuple = ()) -> list[dict[str, Any]]:
        def run(conn: sqlite3.Connection) -> list[dict[str, Any]]:
            cursor = conn.execute(sql, params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

        return self._read(run, [])

    # ------------------------------------------------------------------------ quizzes

    def record_answer(self, attempt: Attempt, review: ReviewState) -> None:
        """Save one answer, the fact's new review state and the guild score, all or nothing."""
        guild = _guild(attempt.guild_id)
        with self._write() as conn:
            conn.execute(
                "INSERT INTO attempts (user_id, guild_id, item_key, module_id, section_id, kind,"
                " answer, correct, reason, mode, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    attempt.user_id,
                    guild,
                    attempt.item_key,
                    attempt.module_id,
                    attempt.section_id,
                    attempt.kind,
                    attempt.answer[:MAX_TEXT],
                    int(attempt.correct),
                    attempt.reason,
                    attempt.mode,
                    attempt.at,
                ),
            )
            conn.execute(
                "INSERT INTO reviews (user_id, item_key, box, due_at, seen, correct, lapses,"
                " last_correct, last_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (user_id, item_key) DO UPDATE SET box = excluded.box,"
                " due_at = excluded.due_at, seen = excluded.seen, correct = excluded.correct,"
                " lapses = excluded.lapses, last_correct = excluded.last_correct,"
                " last_at = excluded.last_at",
                (
                    attempt.user_id,
                    attempt.item_key,
                    review.box,
                    review.due_at,
                    review.seen,
                    review.correct,
                    review.lapses,
                    None if review.last_correct is None else int(review.last_correct),
                    review.last_at,
                ),
            )
            conn.execute(
                "INSERT INTO scores (guild_id, user_id, points, answered, correct)"
                " VALUES (?, ?, ?, 1, ?) ON CONFLICT (guild_id, user_id) DO UPDATE SET"
                " points = points + excluded.points, answered = answered + 1,"
                " correct = correct + excluded.correct",
                (guild, attempt.user_id, attempt.points, int(attempt.correct)),
            )

    def review_state(self, user_id: str, item_key: str) -> ReviewState | None:
        """One fact's review state for a user, or None when never answered (or unreadable)."""
        rows = self._rows(
            "SELECT * FROM reviews WHERE user_id = ? AND item_key = ?", (str(user_id), item_key)
        )
        return _review(rows[0]) if rows else None

    def review_states(self, user_id: str) -> dict[str, ReviewState]:
        """Every fact's review state for a user, by item key."""
        rows = self._rows("SELECT * FROM reviews WHERE user_id = ?", (str(user_id),))
        return {row["item_key"]: _review(row) for row in rows}

    def leaderboard(self, guild_id: int | None, limit: int = 10) -> list[ScoreRow]:
        """The best users of a guild: group points, then correct answers."""
        rows = self._rows(
            "SELECT user_id, points, answered, correct FROM scores WHERE guild_id = ?"
            " ORDER BY points DESC, correct DESC, user_id LIMIT ?",
            (_guild(guild_id), limit),
        )
        return [ScoreRow(**row) for row in rows]

    # ---------------------------------------------------------------- answering side

    def record_question(
        self,
        question: str,
        outcome: str,
        score: float | None,
        module_id: str | None,
        section_id: str | None,
        user_id: str,
        guild_id: int | None,
    ) -> bool:
        """Count a question's outcome for the stats, and keep its text when the bot abstained
        or only suggested sections; True when the text was kept (an answered one's is not)."""
        if outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {OUTCOMES}, not {outcome!r}")
        at = self.clock()
        with self._write() as conn:
            conn.execute(
                "INSERT INTO asked (guild_id, user_id, outcome, module_id, at)"
                " VALUES (?, ?, ?, ?, ?)",
                (_guild(guild_id), str(user_id), outcome, module_id, at),
            )
            if outcome not in STORED_OUTCOMES:
                return False
            conn.execute(
                "INSERT INTO questions (guild_id, user_id, question, outcome, score, module_id,"
                " section_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    _guild(guild_id),
                    str(user_id),
                    question[:MAX_TEXT],
                    outcome,
                    score,
                    module_id,
                    section_id,
                    at,
                ),
            )
        return True

    def record_feedback(
        self,
        question: str,
        section_id: str | None,
        helpful: bool,
        user_id: str,
        guild_id: int | None,
    ) -> None:
        """Keep a 👍 (``helpful``) or 👎 on an answer: one vote per user for a question and
        section, a later click replacing the earlier one."""
        with self._write() as conn:
            conn.execute(
                "INSERT INTO feedback (guild_id, user_id, question, section_id, helpful, at)"
                " VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (guild_id, user_id, question, IFNULL(section_id, ''))"
                " DO UPDATE SET helpful = excluded.helpful, at = excluded.at",
                (
                    _guild(guild_id),
                    str(user_id),
                    question[:MAX_TEXT],
                    section_id,
                    int(helpful),
                    self.clock(),
                ),
            )

    def unanswered_rows(
        self, guild_id: int | None = None, since: float | None = None
    ) -> list[dict[str, Any]]:
        """The latest questions the bot abstained on or only suggested for, and every 👍/👎,
        most recent first (all guilds when ``guild_id`` is None; only those at or after
        ``since`` when given), as rows ``user_id``, ``question``, ``kind`` (abstain, suggest,
        helpful, unhelpful), ``section_id``, ``at``."""
        only = "" if guild_id is None else " AND guild_id = ?"
        params: tuple = () if guild_id is None else (_guild(guild_id),)
        if since is not None:
            only += " AND at >= ?"
            params += (since,)
        return self._rows(
            "SELECT user_id, question, outcome AS kind, section_id, at FROM questions"
            f" WHERE outcome IN ('abstain', 'suggest'){only}"
            " UNION ALL SELECT user_id, question, CASE helpful WHEN 0 THEN 'unhelpful'"
            " ELSE 'helpful' END AS kind, section_id, at FROM feedback"
            f" WHERE 1 = 1{only} ORDER BY at DESC LIMIT {_GROUPED_ROWS}",
            params * 2,
        )

    # -------------------------------------------------------------- guild settings

    def guild_settings(self, guild_id: int | None) -> dict[str, str]:
        """Settings a TA changed at run time for one guild."""
        rows = self._rows(
            "SELECT key, value FROM guild_settings WHERE guild_id = ? ORDER BY key",
            (_guild(guild_id),),
        )
        return {row["key"]: row["value"] for row in rows}

    def set_guild_setting(self, guild_id: int | None, key: str, value: str | None) -> None:
        """Set one setting of a guild; ``None`` removes it (back to the configured default)."""
        with self._write() as conn:
            if value is None:
                conn.execute(
                    "DELETE FROM guild_settings WHERE guild_id = ? AND key = ?",
                    (_guild(guild_id), key),
                )
            else:
                conn.execute(
                    "INSERT INTO guild_settings (guild_id, key, value) VALUES (?, ?, ?)"
                    " ON CONFLICT (guild_id, key) DO UPDATE SET value = excluded.value",
                    (_guild(guild_id), key, str(value)),
                )

    # ------------------------------------------------------------------- digests

    def digest_week(self, channel_id: int) -> str | None:
        """The week (``2026-W49``) whose digest was last posted in a channel, if any."""
        rows = self._rows("SELECT week FROM digests WHERE channel_id = ?", (int(channel_id),))
        return rows[0]["week"] if rows else None

    def set_digest_week(self, channel_id: int, week: str) -> None:
        """Remember that ``week``'s digest is posted in a channel."""
        with self._write() as conn:
            conn.execute(
                "INSERT INTO digests (channel_id, week, at) VALUES (?, ?, ?)"
                " ON CONFLICT (channel_id) DO UPDATE SET week = excluded.week, at = excluded.at",
                (int(channel_id), week, self.clock()),
            )

    # ------------------------------------------------------------------- privacy

    def export_user(self, user_id: str) -> dict[str, Any]:
        """Everything stored about one user, as JSON-ready data. Raises StoreUnavailable when the
        database cannot be read, since an export that silently misses data would mislead."""
        if self._conn is None:
            raise StoreUnavailable(self.problem or f"the database {self.path} is closed")
        data: dict[str, Any] = {"user_id": str(user_id), "exported_at": self.clock()}
        with self._lock:
            try:
                for table in USER_TABLES:
                    cursor = self._conn.execute(
                        f"SELECT * FROM {table} WHERE user_id = ? ORDER BY rowid", (str(user_id),)
                    )
                    names = [d[0] for d in cursor.description]
                    data[table] = [dict(zip(names, row, strict=True)) for row in cursor]
            except sqlite3.Error as exc:
                raise StoreUnavailable(f"cannot read the database {self.path}: {exc}") from exc
        return data

    def delete_user(self, user_id: str) -> dict[str, int]:
        """Delete everything stored about one user; the number of rows removed per table."""
        removed = {}
        with self._write() as conn:
            for table in USER_TABLES:
                cursor = conn.execute(f"DELETE FROM {table} WHERE user_id = ?", (str(user_id),))
                removed[table] = cursor.rowcount
        return removed


def _review(row: dict[str, Any]) -> ReviewState:
    last = row["last_correct"]
    return ReviewState(
        box=row["box"],
        due_at=row["due_at"],
        seen=row["seen"],
        correct=row["correct"],
        lapses=row["lapses"],
        last_correct=None if last is None else bool(last),
        last_at=row["last_at"],
    )
