"""Faults: the process killed in a burst of quiz answers, the database read-only or full."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from bot.course.loader import load_course
from bot.quiz.service import QuizService
from bot.store import Store, StoreUnavailable
from conftest import CONTENT, REPO

# A student answering quizzes as fast as possible; "ack N" is printed once answer N is saved.
BURST = """
import sys
from bot.course.loader import load_course
from bot.quiz.service import QuizService
from bot.store import Store

store = Store(sys.argv[1])
course = load_course(sys.argv[2]).course
service, _ = QuizService.from_content(sys.argv[2], course, store)
done = 0
while True:
    quiz = service.start_solo("ana", "3.1", n=5, seed=done)
    question = quiz.start()
    while question is not None:
        result = quiz.answer(question.item.options[0] if question.item.options else "image")
        if result.save_error is None:
            done += 1
            print("ack", done, flush=True)
        question = quiz.next()
    service.end_solo("ana")
"""


@pytest.mark.parametrize("kill_after", [25, 120])
def test_sigkill_in_a_burst_loses_no_acknowledged_answer(tmp_path, kill_after):
    database = tmp_path / "bot.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", BURST, str(database), str(CONTENT)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    acknowledged = 0
    deadline = time.monotonic() + 60
    while acknowledged < kill_after and time.monotonic() < deadline:
        line = child.stdout.readline()
        if line.startswith("ack "):
            acknowledged = int(line.split()[1])
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    assert acknowledged >= kill_after
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        saved = conn.execute("SELECT COUNT(*) FROM attempts WHERE user_id = 'ana'").fetchone()[0]
    assert saved >= acknowledged  # a few more may have committed before the kill
    store = Store(database)  # restart: opens, migrates nothing, keeps going
    assert store.available and len(store.export_user("ana")["attempts"]) == saved


def test_read_only_database_keeps_quizzes_running(tmp_path):
    database = tmp_path / "bot.sqlite3"
    Store(database).close()
    os.chmod(database, 0o444)
    os.chmod(tmp_path, 0o555)
    try:
        store = Store(database)
        if os.access(database, os.W_OK):
            # root ignores file modes: make SQLite refuse writes as it does for a read-only file
            store._conn = RefusingWrites(store._conn, "attempt to write a readonly database")
        course = load_course(CONTENT).course
        service, _ = QuizService.from_content(str(CONTENT), course, store)
        quiz = service.start_solo("ana", "3.1", n=2, seed=1)
        question = quiz.start()
        result = quiz.answer(question.item.options[0] if question.item.options else "x")
        assert result.status in {"correct", "wrong"}
        assert result.save_error  # said, not raised
        with pytest.raises(StoreUnavailable):
            store.record_question("q", "abstain", 1.0, None, None, "ana", None)
    finally:
        os.chmod(tmp_path, 0o755)
        os.chmod(database, 0o644)


class RefusingWrites:
    """A connection whose writes fail with SQLite's own message (disk full, read-only file)."""

    def __init__(self, conn: sqlite3.Connection, message: str) -> None:
        self._conn = conn
        self._message = message

    def execute(self, sql: str, *args):
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")):
            raise sqlite3.OperationalError(self._message)
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def test_full_disk_is_reported_not_raised(tmp_path, bundled_engine):
    from bot.console.chat import ChatSession

    store = Store(tmp_path / "bot.sqlite3")
    store._conn = RefusingWrites(store._conn, "database or disk is full")
    course = load_course(CONTENT).course
    service, _ = QuizService.from_content(str(CONTENT), course, store)
    quiz = service.start_solo("ana", "3.1", n=3, seed=2)
    question = quiz.start()
    result = quiz.answer(question.item.options[0] if question.item.options else "x")
    assert result.status in {"correct", "wrong"} and "disk is full" in result.save_error
    assert quiz.next() is not None  # the quiz goes on
    with pytest.raises(StoreUnavailable, match="disk is full"):
        store.record_question("q", "abstain", 1.0, None, None, "u", None)
    # The chat keeps answering and says once that nothing is saved.
    import io

    out = io.StringIO()
    chat = ChatSession(bundled_engine, out=out, store=store)
    for question_text in ["recette des crêpes", "image vs conteneur ?", "météo demain"]:
        chat.handle(question_text)
    text = out.getvalue()
    assert text.count("la base de données est indisponible") == 1
    assert "Image Docker" in text
