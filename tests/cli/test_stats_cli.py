"""``python -m bot stats``: the numbers behind each chart, on a database the test fills, through
the command a TA runs; the chart sheet; privacy; one database per course."""

from __future__ import annotations

import json
import struct
import time

import pytest

from bot.cli.main import main
from bot.quiz.review import schedule
from bot.store import Attempt, Store
from conftest import FIXTURES, GIT_COURSE

DAY = 86_400
SQL_COURSE = FIXTURES / "course-sql"
# Ids a TA must never see in the stats.
STUDENTS = ("ana-4821", "bob-7730", "cy-1904")


def _clock(days_ago: float):
    return lambda: time.time() - days_ago * DAY


def _answer(store: Store, user: str, key: str, module: str, correct: bool, days_ago: float):
    at = time.time() - days_ago * DAY
    attempt = Attempt(user, None, key, module, None, "typed", "x", correct, "exact", "solo", at)
    store.record_answer(attempt, schedule(None, correct, at))


def fill(path, days_ago: float = 1.0) -> None:
    """Two days of a Git course: questions on 1.1 and 2.1, unanswered ones, votes, quizzes."""
    store = Store(path, clock=_clock(days_ago))
    ana, bob, cy = STUDENTS
    asks = [
        ("comment faire un commit", "answer", "1.1", ana),
        ("c'est quoi git", "answer", "1.1", bob),
        ("git c'est quoi", "answer", "1.1", ana),
        ("le truc des versions", "suggest", "1.1", cy),
        ("créer une branche", "answer", "2.1", cy),
        ("c quoi kubernetes ?", "abstain", None, ana),
        ("kubernetes c quoi", "abstain", None, bob),
        ("recette de crêpes", "abstain", None, cy),
    ]
    for question, outcome, module, user in asks:
        store.record_question(question, outcome, 10.0, module, None, user, None)
    store.record_feedback("comment faire un commit", "1.1.1", True, ana, None)
    store.record_feedback("c'est quoi git", "1.1.2", False, bob, None)
    store.record_feedback("créer une branche", "2.1.1", True, cy, None)
    store.close()
    store = Store(path, clock=_clock(days_ago + 1))  # the quizzes a day earlier
    marks = [
        (ana, "1.1/p/gestion-de-versions", "1.1", False),
        (bob, "1.1/p/gestion-de-versions", "1.1", False),
        (cy, "1.1/p/gestion-de-versions", "1.1", True),
        (ana, "2.1/p/head", "2.1", False),
        (ana, "2.1/p/head", "2.1", True),
    ]
    for user, key, module, correct in marks:
        _answer(store, user, key, module, correct, days_ago + 1)
    store.close()


def stats_json(capsys, *args) -> dict:
    assert main(["stats", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_questions_split_per_module_with_votes(tmp_path, capsys):
    db = tmp_path / "git.sqlite3"
    fill(db)
    data = stats_json(capsys, "--content", str(GIT_COURSE), "--db", str(db))
    rows = {r["module_id"]: r for r in data["questions"]}
    assert list(rows) == ["1.1", "2.1", None]  # course order, no module last
    assert {k: rows["1.1"][k] for k in ("answered", "suggested", "abstained", "total")} == {
        "answered": 3, "suggested": 1, "abstained": 0, "total": 4
    }
    assert (rows["1.1"]["helpful"], rows["1.1"]["unhelpful"]) == (1, 1)
    assert (rows["2.1"]["answered"], rows["2.1"]["helpful"]) == (1, 1)
    assert (rows[None]["abstained"], rows[None]["total"]) == (3, 3)
    assert rows["1.1"]["title"] == "Qu'est-ce que Git et pourquoi l'utiliser ?"
    totals = data["totals"]
    assert (totals["asked"], totals["answered"], totals["suggested"], totals["abstained"]) == (
        8, 4, 1, 3
    )
    assert (totals["helpful"], totals["unhelpful"], totals["students"]) == (2, 1, 3)


def test_quiz_accuracy_and_most_missed_facts(tmp_path, capsys):
    db = tmp_path / "git.sqlite3"
    fill(db)
    data = stats_json(capsys, "--content", str(GIT_COURSE), "--db", str(db))
    quiz = {r["module_id"]: (r["answers"], r["correct"], r["accuracy"]) for r in data["quiz"]}
    assert quiz == {"1.1": (3, 1, 33), "2.1": (2, 1, 50)}
    assert (data["totals"]["quiz_answers"], data["totals"]["quiz_accuracy"]) == (5, 40)
    missed = [(m["name"], m["module_id"], m["misses"], m["answers"]) for m in data["missed"]]
    assert missed == [("Gestion de versions", "1.1", 2, 3), ("HEAD", "2.1", 1, 2)]


def test_unanswered_topics_are_grouped_as_unanswered_groups_them(tmp_path, capsys):
    db = tmp_path / "git.sqlite3"
    fill(db)
    data = stats_json(capsys, "--content", str(GIT_COURSE), "--db", str(db))
    assert main(["unanswered", "--json", "--content", str(GIT_COURSE), "--db", str(db)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert data["topics"] == listed[: len(data["topics"])]
    first = data["topics"][0]
    assert first["count"] == 2 and set(first["examples"]) == {
        "c quoi kubernetes ?", "kubernetes c quoi"
    }


def test_active_students_per_day_show_the_quiet_days(tmp_path, capsys):
    db = tmp_path / "git.sqlite3"
    fill(db, days_ago=2)
    data = stats_json(capsys, "--content", str(GIT_COURSE), "--db", str(db))
    activity = data["activity"]
    assert len(activity) == 8  # the 7-day window: today and the 7 days before
    counts = [d["students"] for d in activity]
    assert counts[-3] == 3  # three students asked two days ago
    assert counts[-4] == 3  # and three answered quizzes the day before
    assert counts[-1] == counts[-2] == 0 and sum(counts) == 6


def test_the_since_window(tmp_path, capsys):
    db = tmp_path / "git.sqlite3"
    fill(db, days_ago=10)  # questions 10 days ago, quizzes 11
    args = ["--content", str(GIT_COURSE), "--db", str(db)]
    week = stats_json(capsys, *args)
    assert week["window"] == "7d" and week["totals"]["asked"] == 0
    assert week["quiz"] == [] and week["missed"] == [] and week["topics"] == []
    assert week["totals"]["students"] == 0
    month = stats_json(capsys, *args, "--since", "30d")
    assert month["totals"]["asked"] == 8 and month["totals"]["quiz_answers"] == 5
    assert len(month["activity"]) == 31
    everything = stats_json(capsys, *args, "--since", "all")
    assert everything["since"] is None and everything["totals"]["asked"] == 8
    assert everything["activity"][0]["students"] == 3  # from the first active day
    assert main(["stats", *args]) == 0
    assert "Rien n'a été enregistré sur cette période." in capsys.readouterr().out


def test_the_text_table_in_french_and_english_names_no_student(tmp_path, capsys):
    db = tmp_path / "git.sqlite3"
    fill(db)
    assert main(["stats", "--content", str(GIT_COURSE), "--db", str(db)]) == 0
    text = capsys.readouterr().out
    lines = text.splitlines()
    assert lines[0].startswith("Statistiques du cours : les 7 derniers jours (du ")
    assert lines[1].startswith(
        "8 questions (4 avec réponse, 1 avec suggestions seulement, 3 sans réponse) · 👍 2 · 👎 1"
    )
    assert lines[2] == "5 réponses de quiz, réussite 40 %"
    assert lines[3] == "3 étudiants actifs"
    header = next(line for line in lines if line.startswith("module "))
    assert header.split()[:4] == ["module", "questions", "avec", "réponse"]
    row = next(line for line in lines if line.startswith("1.1 "))
    assert row.split() == ["1.1", "4", "3", "1", "0", "1", "1"]
    assert any(line.startswith("(hors cours)") and line.split()[2:4] == ["3", "0"]
               for line in lines)
    assert " 1. Gestion de versions (1.1) : manquée 2/3" in text
    assert " 1. « kubernetes c quoi » — 2× : 2 sans réponse, 0 incertaine, 0 👎" in text
    assert not any(student in text for student in STUDENTS)
    assert main(["stats", "--content", str(GIT_COURSE), "--db", str(db), "--lang", "en"]) == 0
    english = capsys.readouterr().out
    assert english.splitlines()[0].startswith("Course statistics: the last 7 days (from ")
    assert "5 quiz answers, 40 % right" in english and "3 active students" in english
    assert "Most missed facts" in english


def test_plurals_are_right_for_one(tmp_path, capsys):
    db = tmp_path / "one.sqlite3"
    store = Store(db, clock=_clock(0.5))
    store.record_question("comment faire un commit", "answer", 30.0, "1.1", None, "ana", None)
    _answer(store, "ana", "1.2/p/depot", "1.2", True, 0.5)
    store.close()
    assert main(["stats", "--content", str(GIT_COURSE), "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("1 question (1 avec réponse")
    assert lines[2:4] == ["1 réponse de quiz, réussite 100 %", "1 étudiant actif"]
    assert main(["stats", "--content", str(GIT_COURSE), "--db", str(db), "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("1 question (1 answered")
    assert lines[2:4] == ["1 quiz answer, 100 % right", "1 active student"]


def test_privacy_delete_removes_a_student_from_every_figure(tmp_path, capsys):
    db = tmp_path / "git.sqlite3"
    fill(db)
    ana = STUDENTS[0]
    assert main(["privacy", "delete", ana, "--yes", "--db", str(db)]) == 0
    capsys.readouterr()
    data = stats_json(capsys, "--content", str(GIT_COURSE), "--db", str(db), "--since", "all")
    rows = {r["module_id"]: r for r in data["questions"]}
    assert (rows["1.1"]["answered"], rows["1.1"]["helpful"], rows["1.1"]["unhelpful"]) == (1, 0, 1)
    assert rows[None]["abstained"] == 2
    assert data["totals"]["asked"] == 5 and data["totals"]["students"] == 2
    quiz = {r["module_id"]: (r["answers"], r["correct"]) for r in data["quiz"]}
    assert quiz == {"1.1": (2, 1)}  # her two 2.1 answers are gone
    assert data["topics"][0]["count"] == 1  # kubernetes: only bob now
    assert sum(d["students"] for d in data["activity"]) == 4


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_chart_sheet_is_a_sane_png(tmp_path, capsys, lang):
    db = tmp_path / "git.sqlite3"
    fill(db)
    png = tmp_path / "stats.png"
    args = ["stats", "--content", str(GIT_COURSE), "--db", str(db), "--png", str(png)]
    assert main([*args, "--lang", lang]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("Statistiques" if lang == "fr" else "Course statistics")
    data = png.read_bytes()
    width, height = _png_size(data)
    assert (width, height) == (1200, 850)
    assert 20_000 < len(data) < 1_000_000
    empty = tmp_path / "empty.png"  # a quiet week still draws, saying there is no data
    assert main([*args[:-1], str(empty), "--since", "7d"]) == 0
    assert _png_size(empty.read_bytes()) == (1200, 850)


def test_each_course_counts_only_its_own_database(tmp_path, capsys):
    git_db, sql_db = tmp_path / "git.sqlite3", tmp_path / "sql.sqlite3"
    fill(git_db)
    store = Store(sql_db, clock=_clock(1))
    store.record_question("c'est quoi une jointure", "answer", 30.0, "3.2", None, "dee", None)
    store.close()
    git = stats_json(capsys, "--content", str(GIT_COURSE), "--db", str(git_db))
    sql = stats_json(capsys, "--content", str(SQL_COURSE), "--db", str(sql_db))
    assert git["totals"]["asked"] == 8
    assert [(r["module_id"], r["answered"]) for r in sql["questions"]] == [("3.2", 1)]
    assert sql["totals"]["students"] == 1 and sql["quiz"] == []


def test_a_missing_database_or_content_is_an_error(tmp_path, capsys):
    assert main(["stats", "--content", str(GIT_COURSE), "--db", str(tmp_path / "no.db")]) == 1
    assert "no database at" in capsys.readouterr().err
    db = tmp_path / "git.sqlite3"
    fill(db)
    assert main(["stats", "--content", str(tmp_path / "nowhere"), "--db", str(db)]) == 2
    assert "content folder not found" in capsys.readouterr().err


def test_words_in_another_order_are_one_topic(tmp_path, capsys):
    db = tmp_path / "git.sqlite3"
    store = Store(db, clock=_clock(1))
    for user, question in (("ana", "installer kubernetes cluster"),
                           ("bob", "cluster kubernetes installer"),
                           ("cy", "recette des crêpes")):
        store.record_question(question, "abstain", 1.0, None, None, user, None)
    store.close()
    data = stats_json(capsys, "--content", str(GIT_COURSE), "--db", str(db))
    assert [(g["count"], len(g["examples"])) for g in data["topics"]] == [(2, 2), (1, 1)]
