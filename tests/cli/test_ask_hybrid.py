"""What a student of any course expects from the search by meaning, through ``ask --json`` with
the real encoder, on courses that are not the Docker one: filler words, English on a French
course with no synonyms file, questions the course does not cover, real words left alone, and
a TA's FAQ matched by meaning. The embeddings are kept in one cache for the whole session."""

from __future__ import annotations

import json
import shutil

import pytest

from bot.cli.main import main
from conftest import FIXTURES, GIT_COURSE

SQL_COURSE = FIXTURES / "course-sql"


@pytest.fixture(scope="session")
def embeddings(tmp_path_factory):
    return tmp_path_factory.mktemp("embeddings") / "embeddings.sqlite3"


@pytest.fixture
def ask(tmp_path, embeddings, monkeypatch, capsys):
    """``python -m bot ask --json`` on a course, search by meaning on; one dict per question."""
    monkeypatch.setenv("COURSEBOT_DENSE", "1")
    config = tmp_path / "config.yaml"
    config.write_text(
        f"database: {tmp_path / 'records.sqlite3'}\nsearch:\n  embeddings: {embeddings}\n",
        encoding="utf-8",
    )

    def run(course, *questions: str) -> list[dict]:
        monkeypatch.setattr("sys.stdin", __import__("io").StringIO("\n".join(questions) + "\n"))
        capsys.readouterr()
        assert main(["--config", str(config), "ask", "--json", "--content", str(course)]) == 0
        return [json.loads(line) for line in capsys.readouterr().out.splitlines()]

    return run


def shown(answer: dict) -> list[str | None]:
    """The places a student sees: the answer, or the suggestions."""
    if answer["outcome"] == "answer":
        return [answer["section_id"]]
    return [a["section_id"] for a in answer["alternatives"]]


def test_filler_words_do_not_turn_a_right_answer_into_an_abstention(ask):
    plain, padded, whats, what_s = ask(
        SQL_COURSE,
        "c koi une clé primaire",
        "wesh frérot ptdr c koi une clé primaire urgent exam demain",
        "whats the difference between a primary key and a foreign key",
        "what's the difference between a primary key and a foreign key",
    )
    assert plain["outcome"] == "answer" and plain["section_id"] == "1.1.3"
    # Padding may make the bot less sure, never send it elsewhere nor make it give up.
    assert padded["outcome"] != "abstain" and "1.1.3" in shown(padded)
    # "whats" is read as "what's", not held against the question as a word of no course.
    assert whats["outcome"] == what_s["outcome"] and shown(whats) == shown(what_s)


def test_english_questions_find_a_french_course_with_no_synonyms_file(ask):
    assert not (SQL_COURSE / "synonyms.yaml").exists()
    [delete] = ask(SQL_COURSE, "how do i delete rows from a table")
    assert delete["outcome"] == "answer" and delete["section_id"] == "3.1.5"


def test_questions_the_course_does_not_cover_are_not_answered(ask):
    group_by, where, cake = ask(
        GIT_COURSE,
        "à quoi sert GROUP BY",
        "ou est le cours",
        "recette de la tarte aux pommes",
    )
    assert group_by["outcome"] == "abstain"
    assert where["outcome"] != "answer"
    assert cake["outcome"] == "abstain"


def test_real_words_are_not_read_as_course_words(ask):
    [exam] = ask(SQL_COURSE, "y a un partiel ?")
    assert exam["corrections"] == [] and exam["outcome"] != "answer"


def test_faq_entries_match_by_meaning(ask, tmp_path):
    course = tmp_path / "course"
    shutil.copytree(SQL_COURSE, course)
    (course / "faq.yaml").write_text(
        "- question: Quand a lieu l'examen ?\n"
        "  answer: Le 12 juin, en salle B204.\n"
        "- question: Comment se connecter à la base de la salle de TP ?\n"
        "  answer: Avec psql -h tp.example -U etudiant.\n",
        encoding="utf-8",
    )
    exam, connect = ask(course, "c quand l'exam ?", "je me connecte comment au serveur de tp")
    assert exam["outcome"] == "answer" and exam["answer"] == "Le 12 juin, en salle B204."
    assert connect["outcome"] == "answer" and "psql" in connect["answer"]


def test_index_builds_the_cache_and_check_says_it_is_ready(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COURSEBOT_DENSE", "1")
    config = tmp_path / "config.yaml"
    config.write_text(f"database: {tmp_path / 'records.sqlite3'}\n", encoding="utf-8")
    course = tmp_path / "course"
    course.mkdir()
    (course / "1.1-index.md").write_text(
        "# 1.1 Les index\n\n## 1.1.1 Créer un index\n\nUn index accélère les recherches.\n",
        encoding="utf-8",
    )
    base = ["--config", str(config)]
    assert main([*base, "check", "--content", str(course)]) == 0
    assert "2 unités sur 2 à calculer" in capsys.readouterr().err
    assert main([*base, "index", "--quiet", "--content", str(course)]) == 0
    assert "Index par le sens prêt : 2 unités." in capsys.readouterr().err
    assert (tmp_path / "embeddings.sqlite3").is_file()  # beside the database
    assert main([*base, "check", "--content", str(course)]) == 0
    assert "prête (2 unités en cache)" in capsys.readouterr().err

    monkeypatch.setenv("COURSEBOT_DENSE", "0")
    assert main([*base, "index", "--content", str(course)]) == 1
    assert "désactivée" in capsys.readouterr().err
