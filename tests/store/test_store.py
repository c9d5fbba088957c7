"""The SQLite store: schema migrations, quiz answers and scores, the answering side's records,
guild settings, a user's export and deletion, and a disk that cannot be written."""

from __future__ import annotations

import json
import sqlite3

import pytest

import bot.store as store_module
from bot.app.unanswered import unanswered_groups
from bot.quiz.review import ReviewState, schedule
from bot.store import MIGRATIONS, SCHEMA_VERSION, Attempt, Store, StoreUnavailable


class Clock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        self.now += 1
        return self.now


def _attempt(user="alice", key="3.1/p/image-docker", correct=True, guild=42, points=0, at=100.0):
    return Attempt(
        user,
        guild,
        key,
        "3.1",
        "3.1.2",
        "mcq",
        "b",
        correct,
        "exact" if correct else "different",
        "solo",
        at,
        points,
    )


def _tables(path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


@pytest.fixture
def store(tmp_path):
    opened = Store(tmp_path / "data" / "bot.sqlite3", clock=Clock())
    yield opened
    opened.close()


def test_a_new_database_is_created_at_the_latest_version_in_wal_mode(tmp_path):
    path = tmp_path / "data" / "coursebot.sqlite3"
    store = Store(path)
    assert store.available and store.problem is None
    assert store.version == SCHEMA_VERSION == len(MIGRATIONS) == 4
    assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    assert {
        "attempts", "reviews", "scores", "questions", "feedback", "guild_settings", "asked",
        "digests",
    } <= _tables(path)


def test_an_old_database_is_migrated_on_open_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:  # a database written by the version-1 bot
        conn.executescript(MIGRATIONS[0])
        conn.execute("PRAGMA user_version = 1")
        conn.execute(
            "INSERT INTO reviews VALUES ('alice', '3.1/p/image-docker', 2, 5.0, 1, 1, 0, 1, 4.0)"
        )
    assert "questions" not in _tables(path)
    store = Store(path)
    assert store.version == SCHEMA_VERSION and store.available
    assert store.review_state("alice", "3.1/p/image-docker") == ReviewState(
        2, 5.0, 1, 1, 0, True, 4.0
    )
    assert store.record_question("docker swarm ?", "abstain", 12.0, None, None, "bob", 1)
    store.close()
    assert Store(path).version == SCHEMA_VERSION  # opening again changes nothing


def test_version_3_keeps_each_users_last_vote_on_an_answer(tmp_path):
    path = tmp_path / "v2.sqlite3"
    with sqlite3.connect(path) as conn:  # a version-2 bot stored every click
        for script in MIGRATIONS[:2]:
            conn.executescript(script)
        conn.execute("PRAGMA user_version = 2")
        votes = [
            ("bob", "docker logs", "7.2", 0),
            ("bob", "docker logs", "7.2", 0),
            ("bob", "docker logs", "7.2", 1),  # his last word: helpful
            ("bob", "docker logs", "3.6.1", 0),  # another answer: its own vote
            ("ana", "docker logs", "7.2", 0),
            ("ana", "docker logs", "7.2", 0),
            ("ana", "docker ?", None, 0),
            ("ana", "docker ?", None, 1),
        ]
        conn.executemany(
            "INSERT INTO feedback (guild_id, user_id, question, section_id, helpful, at)"
            " VALUES (1, ?, ?, ?, ?, 1.0)",
            votes,
        )
    store = Store(path)
    assert store.version == SCHEMA_VERSION
    kept = {
        user: [(r["question"], r["section_id"], r["helpful"]) for r in rows]
        for user in ("ana", "bob")
        for rows in [store.export_user(user)["feedback"]]
    }
    assert kept == {
        "bob": [("docker logs", "7.2", 1), ("docker logs", "3.6.1", 0)],
        "ana": [("docker logs", "7.2", 0), ("docker ?", None, 1)],
    }


def test_a_vote_replaces_the_same_users_earlier_vote_on_that_answer(store):
    for _ in range(4):
        store.record_feedback("docker logs", "7.2", False, "bob", 1)
    assert [(g.count, g.unhelpful) for g in unanswered_groups(store, 1)] == [(1, 1)]
    store.record_feedback("docker logs", "7.2", True, "bob", 1)  # changed his mind
    assert unanswered_groups(store, 1) == []
    store.record_feedback("docker logs", "7.2", False, "ana", 1)  # another student
    store.record_feedback("docker logs", "7.2", False, "ana", 2)  # the same one elsewhere
    store.record_feedback("docker logs", None, False, "ana", 1)
    store.record_feedback("docker logs", None, False, "ana", 1)
    rows = store.export_user("bob")["feedback"] + store.export_user("ana")["feedback"]
    assert [(r["user_id"], r["guild_id"], r["section_id"], r["helpful"]) for r in rows] == [
        ("bob", 1, "7.2", 1),
        ("ana", 1, "7.2", 0),
        ("ana", 2, "7.2", 0),
        ("ana", 1, None, 0),
    ]
    assert store.delete_user("ana")["feedback"] == 3


def test_one_student_counts_once_per_question_in_unanswered(store):
    # Unsure, so the student picked a suggestion, then said it did not help: one question.
    store.record_question("c'est quoi une image", "suggest", 40.0, "3.3", "3.3.1.1", "ana", 1)
    store.record_feedback("c'est quoi une image", "3.3.1.1", False, "ana", 1)
    # Asked twice, or by someone else: once per student.
    store.record_question("docker swarm ?", "abstain", 3.0, None, None, "bob", 1)
    store.record_question("docker swarm ?", "abstain", 3.0, None, None, "bob", 1)
    store.record_question("docker swarm", "suggest", 20.0, "3.1", "3.1.4", "cy", 1)
    swarm, image = unanswered_groups(store, 1)  # the most students first
    assert (image.count, image.abstained, image.suggested, image.unhelpful) == (1, 0, 0, 1)
    assert image.section_ids == ("3.3.1.1",)
    assert (swarm.count, swarm.abstained, swarm.suggested, swarm.unhelpful) == (2, 1, 1, 0)
    assert swarm.section_ids == ("3.1.4",)


def test_a_database_from_a_newer_bot_is_not_touched(tmp_path):
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    store = Store(path)
    assert not store.available and "newer" in store.problem
    with pytest.raises(StoreUnavailable, match="newer"):
        store.record_feedback("q", None, True, "u", None)
    assert store.version == 99


def test_answers_update_review_state_and_guild_scores(store):
    first = schedule(None, True, 100.0)
    store.record_answer(_attempt(points=1), first)
    second = schedule(first, False, 200.0)
    store.record_answer(_attempt(correct=False, at=200.0), second)
    store.record_answer(_attempt(user="bob", points=1), schedule(None, True, 150.0))
    store.record_answer(_attempt(user="bob", points=1, key="3.1/p/x"), schedule(None, True, 160.0))
    assert store.review_state("alice", "3.1/p/image-docker") == second
    assert store.review_state("alice", "unknown") is None
    assert set(store.review_states("bob")) == {"3.1/p/image-docker", "3.1/p/x"}
    board = store.leaderboard(42)
    assert [(r.user_id, r.points, r.answered, r.correct) for r in board] == [
        ("bob", 2, 2, 2),
        ("alice", 1, 2, 1),
    ]
    assert store.leaderboard(7) == []


def test_questions_and_feedback_group_into_unanswered(store):
    assert (
        store.record_question("image vs conteneur ?", "answer", 80, "3.1", "3.1.2", "u1", 1)
        is False
    )
    asks = [
        ("Comment installer Kubernetes ?", "abstain", "u1", 1),
        ("comment installer kubernetes", "abstain", "u2", 1),
        ("Comment installer kubernetes ??", "suggest", "u3", 1),
        ("C'est quoi un pod ?", "abstain", "u1", 1),
        ("Comment installer Kubernetes ?", "abstain", "u9", 2),
    ]
    for question, outcome, user, guild in asks:
        assert store.record_question(question, outcome, 20.0, None, None, user, guild)
    store.record_feedback("Qu'est-ce qu'un pod ?", "3.4.1", False, "u4", 1)
    store.record_feedback("image vs conteneur ?", "3.1.2", True, "u5", 1)
    with pytest.raises(ValueError):
        store.record_question("?", "maybe", 0, None, None, "u1", 1)
    groups = unanswered_groups(store, guild_id=1)
    assert [(g.count, g.abstained, g.suggested, g.unhelpful) for g in groups] == [
        (3, 2, 1, 0),
        (2, 1, 0, 1),
    ]
    top = groups[0]
    assert top.question == "Comment installer kubernetes ??"  # a tie: the latest phrasing
    assert len(top.examples) == 3
    assert groups[1].section_ids == ("3.4.1",)
    everywhere = unanswered_groups(store)[0]  # every guild
    assert everywhere.count == 4 and everywhere.question == "Comment installer Kubernetes ?"
    assert len(unanswered_groups(store, guild_id=1, limit=1)) == 1


def test_unanswered_questions_on_one_topic_group_whatever_they_ask_of_it(store):
    asks = [("kubernetes pod c koi", "u1"), ("comment faire un pod kubernetes", "u2"),
            ("how do I make a kubernetes pod?", "u3"), ("pourquoi un pod kubernetes", "u4"),
            ("comment installer node", "u5")]
    for question, user in asks:
        store.record_question(question, "abstain", 5.0, None, None, user, 1)
    groups = unanswered_groups(store, guild_id=1)
    assert [g.count for g in groups] == [4, 1]
    assert groups[1].question == "comment installer node"


def test_guild_settings(store):
    assert store.guild_settings(1) == {}
    store.set_guild_setting(1, "quiz.questions", "8")
    store.set_guild_setting(1, "language", "en")
    store.set_guild_setting(1, "quiz.questions", "10")
    store.set_guild_setting(2, "language", "fr")
    assert store.guild_settings(1) == {"language": "en", "quiz.questions": "10"}
    store.set_guild_setting(1, "language", None)
    assert store.guild_settings(1) == {"quiz.questions": "10"}


def test_a_users_data_is_exported_then_deleted(store):
    store.record_answer(_attempt(points=1), schedule(None, True, 100.0))
    store.record_answer(_attempt(user="bob"), schedule(None, True, 100.0))
    store.record_question("pod ?", "abstain", 1.0, None, None, "alice", 42)
    store.record_feedback("image ?", "3.1.2", False, "alice", 42)
    exported = store.export_user("alice")
    assert json.loads(json.dumps(exported)) == exported  # JSON-ready
    assert exported["user_id"] == "alice"
    assert [
        len(exported[t]) for t in ("attempts", "reviews", "scores", "questions", "feedback")
    ] == [1, 1, 1, 1, 1]
    assert exported["attempts"][0]["item_key"] == "3.1/p/image-docker"
    removed = store.delete_user("alice")
    assert removed == {
        "attempts": 1, "reviews": 1, "scores": 1, "questions": 1, "feedback": 1, "asked": 1
    }
    assert all(
        not rows for key, rows in store.export_user("alice").items() if isinstance(rows, list)
    )
    assert store.review_states("bob") != {}  # other users keep theirs


def test_a_full_disk_makes_writes_fail_clearly_and_reads_still_work(store):
    store.record_answer(_attempt(), schedule(None, True, 100.0))
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")  # no room left for one more page
    with pytest.raises(StoreUnavailable, match="full"):
        for i in range(200):
            store.record_question("x" * 1500 + str(i), "abstain", 1.0, None, None, "u", 1)
    assert store.review_state("alice", "3.1/p/image-docker") is not None
    assert store._conn.in_transaction is False  # nothing half-written


def test_a_read_only_database_serves_reads_and_refuses_writes(tmp_path, monkeypatch):
    path = tmp_path / "ro.sqlite3"
    writer = Store(path)
    writer.record_answer(_attempt(), schedule(None, True, 100.0))
    writer.close()
    real_connect = sqlite3.connect

    def read_only(database, **options):  # what a read-only file system gives
        return real_connect(f"file:{database}?mode=ro", uri=True, **options)

    monkeypatch.setattr(store_module.sqlite3, "connect", read_only)
    store = Store(path)
    assert store.review_state("alice", "3.1/p/image-docker") is not None
    with pytest.raises(StoreUnavailable, match="readonly|read-only"):
        store.record_answer(_attempt(key="new"), schedule(None, False, 200.0))
    with pytest.raises(StoreUnavailable):
        store.set_guild_setting(1, "k", "v")


def test_a_database_that_cannot_be_created_degrades(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    store = Store(blocker / "coursebot.sqlite3")
    assert not store.available and "cannot open" in store.problem
    with pytest.raises(StoreUnavailable, match="cannot open"):
        store.record_answer(_attempt(), schedule(None, True, 1.0))
    with pytest.raises(StoreUnavailable):
        store.export_user("alice")
    assert store.review_states("alice") == {}
    assert unanswered_groups(store) == []
    assert store.guild_settings(1) == {}
    assert store.version == 0


def test_a_group_keeps_every_phrasing_and_no_voted_down_section_as_a_lead(store):
    phrasings = ["quand a lieu l examen", "c est quand l examen", "examen quand ?",
                 "l examen c est quand", "l examen c est quand", "quand est l examen ?"]
    for n, question in enumerate(phrasings):
        store.record_question(question, "suggest", 18.0, "3.1", "3.1.2", f"u{n}", 1)
    store.record_feedback("l examen c est quand", "3.1.2", False, "u9", 1)
    store.record_feedback("l examen c est quand", "3.1.1", True, "u8", 1)
    [group] = unanswered_groups(store, 1)
    # Five distinct phrasings, the most frequent first: none is lost for the FAQ drafts.
    assert group.examples[0] == group.question == "l examen c est quand"
    assert sorted(group.examples) == sorted(set(phrasings))
    assert group.rejected_ids == ("3.1.2",)
    # The 👍 names the section that helped, first among the leads, and counts nothing.
    assert group.confirmed_ids == group.leads == ("3.1.1",) and group.count == 7


def test_a_thumbs_up_alone_makes_no_unanswered_question(store):
    store.record_feedback("image vs conteneur ?", "3.1.2", True, "u1", 1)
    assert unanswered_groups(store, 1) == []
