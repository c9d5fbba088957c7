"""Records are kept per course: the chat, the terminal quiz and the bot on another content
folder write to that course's own database, beside the configured one, so ``unanswered``
and ``stats`` on a course show only what was asked of it; ``privacy`` covers them all."""

import json
import os
import subprocess
import sys

import pytest

from conftest import CONTENT, FIXTURES, REPO

SQL = FIXTURES / "course-sql"
GIT = FIXTURES / "course-git"


@pytest.fixture
def config(tmp_path):
    """The served course is the bundled one, with its database in the test's folder."""
    path = tmp_path / "config.yaml"
    path.write_text(f"content_dir: {json.dumps(str(CONTENT))}\n"
                    f"database: {json.dumps(str(tmp_path / 'data' / 'coursebot.sqlite3'))}\n",
                    encoding="utf-8")
    return path


def bot(config, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {**os.environ, "COURSEBOT_CONFIG": str(config), "USER": "ana", "LOGNAME": "ana"}
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=REPO, input=stdin,
                          capture_output=True, text=True, timeout=120, env=env)


def unanswered(config, *args: str) -> list[str]:
    result = bot(config, "unanswered", "--json", *args)
    assert result.returncode == 0, result.stderr
    return sorted(q for group in json.loads(result.stdout) for q in group["examples"])


def test_each_course_keeps_its_own_questions(config, tmp_path):
    assert bot(config, "chat", stdin="recette de crêpes\n").returncode == 0
    assert bot(config, "chat", "--content", str(SQL), stdin="météo de demain à Lyon\n"
               ).returncode == 0
    assert bot(config, "chat", "--content", str(GIT), stdin="horaires de la piscine\n"
               ).returncode == 0
    assert unanswered(config) == ["recette de crêpes"]
    assert unanswered(config, "--content", str(SQL)) == ["météo de demain à Lyon"]
    assert unanswered(config, "--content", str(GIT)) == ["horaires de la piscine"]
    # One database per course, side by side; --db still reads the one named.
    files = sorted(p.name for p in (tmp_path / "data").glob("*.sqlite3"))
    assert len(files) == 3 and "coursebot.sqlite3" in files
    sql_db = next(p for p in (tmp_path / "data").glob("coursebot-course-sql-*.sqlite3"))
    assert unanswered(config, "--db", str(sql_db)) == ["météo de demain à Lyon"]

    # stats counts the course's own questions.
    result = bot(config, "stats", "--json", "--content", str(SQL), "--since", "all")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["totals"]["abstained"] == 1 and stats["totals"]["students"] == 1
    result = bot(config, "stats", "--json", "--since", "all")  # the served course: its one
    assert json.loads(result.stdout)["totals"]["abstained"] == 1

    # A student's data request covers every course's database.
    result = bot(config, "privacy", "export", "ana")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)["questions"]
    assert sorted(r["question"] for r in rows) == [
        "horaires de la piscine", "météo de demain à Lyon", "recette de crêpes"]
    assert len({r["database"] for r in rows}) == 3
    result = bot(config, "privacy", "delete", "ana", "--yes")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["removed"]["questions"] == 3
    assert bot(config, "privacy", "export", "ana").returncode == 1


def test_a_quiz_on_another_course_records_its_answers_there(config, tmp_path):
    result = bot(config, "quiz", "--content", str(SQL), "1.1", "-n", "1", "--seed", "1",
                 "--user", "ana", stdin="je ne sais pas\n")
    assert result.returncode == 0, result.stderr
    served = tmp_path / "data" / "coursebot.sqlite3"
    assert not served.exists()  # nothing written to the served course's database
    [own] = (tmp_path / "data").glob("coursebot-course-sql-*.sqlite3")
    result = bot(config, "privacy", "export", "ana", "--db", str(own))
    assert result.returncode == 0
    assert [a["module_id"] for a in json.loads(result.stdout)["attempts"]] == ["1.1"]
