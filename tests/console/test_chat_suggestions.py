"""The terminal chat as a student uses it: a number opens a "did you mean" suggestion, each
suggestion says what it holds, a cut answer says how to read the rest, and source lines and
summary answers say things once."""

import io
import json
import subprocess
import sys

import pytest

from bot.app.engine import load_engine
from bot.console.chat import ChatSession
from conftest import CONTENT, FIXTURES, REPO

SQL = FIXTURES / "course-sql"


@pytest.fixture(autouse=True)
def own_database(tmp_path, monkeypatch):
    """Questions are kept for TAs: in this test's own database."""
    config = tmp_path / "config.yaml"
    config.write_text(f"database: {json.dumps(str(tmp_path / 'bot.sqlite3'))}\n", "utf-8")
    monkeypatch.setenv("COURSEBOT_CONFIG", str(config))


def chat(stdin: str, content=SQL, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--content", str(content), *args],
        cwd=REPO, input=stdin, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def ask_json(question: str, content=SQL) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "--content", str(content), question],
        cwd=REPO, capture_output=True, text=True, timeout=60).stdout
    return json.loads(out)


def test_a_number_after_suggestions_opens_that_suggestion():
    unsure = ask_json("table")
    assert unsure["outcome"] == "suggest", "pick a question this course is unsure about"
    second = unsure["alternatives"][1]
    out = chat("table\n2\n9\n")
    lines = out.splitlines()
    # Each suggestion: its place and title, then the first line of its text.
    first = lines.index(f"  2. [{second['section_id']}] {second['title']}")
    assert lines[first + 1].startswith("     ") and len(lines[first + 1].strip()) > 10
    assert "Tapez le numéro d'une suggestion (1 à 3) pour l'ouvrir" in out
    # « 2 » opens the second suggestion, not a new question about "2".
    assert f"» {second['title']}" in lines
    assert f"· {second['section']} ({second['source']})" in out
    assert "Pas de suggestion 9 : tapez un numéro de 1 à 3." in out
    assert "Je ne trouve pas la réponse" not in out


def test_without_suggestions_a_number_is_a_question():
    out = chat("2\n", CONTENT)
    assert "Tapez le numéro" not in out and "Pas de suggestion" not in out


def test_an_answer_cut_short_says_how_to_read_the_rest():
    long_section = ask_json("Regrouper les lignes avec GROUP BY")
    assert long_section["answered"] and long_section["text"].rstrip().endswith("…")
    out = chat("Regrouper les lignes avec GROUP BY\n")
    assert f"La suite : /section {long_section['section_id']}" in out
    # A short answer shown whole has no such line.
    assert "La suite" not in chat("Créer une table avec CREATE TABLE\n")
    english = chat("Regrouper les lignes avec GROUP BY\n", SQL, "--lang", "en")
    assert f"Read on: /section {long_section['section_id']}" in english


def test_source_lines_name_a_module_once_and_briefly(tmp_path):
    long_title = "Une leçon " + "au titre très long " * 15 + "qui ne finit pas"
    assert len(long_title) > 200
    folder = tmp_path / "cours"
    folder.mkdir()
    (folder / "1.1-long.md").write_text(
        f"# 1.1 {long_title}\n\nCette leçon présente les tuyaux de plomberie.\n\n"
        "## 1.1.1 Les robinets\n\nUn robinet règle le débit d'eau du lavabo.\n", "utf-8")
    out = io.StringIO()
    session = ChatSession(load_engine(folder), out=out)
    session.handle("robinet débit eau lavabo")
    session.handle(long_title)
    text = out.getvalue()
    sources = [line for line in text.splitlines() if line.startswith("Source : ")]
    assert len(sources) == 2
    assert all(len(line) < 200 for line in sources), sources
    assert sources[0].startswith("Source : module 1.1 — Une leçon au titre très long")
    # The module answers itself: its title heads the answer, the source does not repeat it.
    assert sources[1] == "Source : module 1.1 (cours/1.1-long.md:1)"


def test_a_summary_answer_shows_its_highlighted_bullet_once():
    out = io.StringIO()
    session = ChatSession(load_engine(CONTENT), out=out)
    session.handle("analogie chanson streaming image conteneur")
    text = out.getvalue()
    assert text.startswith("» Résumé"), text
    assert text.count("Agit comme un modèle ou une recette immuable") == 1
    assert "Représente une instance exécutable" in text  # the rest of the summary is there
