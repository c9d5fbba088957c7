"""An answer is never empty: a module or section with no text of its own (real courses open
a lesson straight on its sub-sections) answers with its sub-sections' openings, or the
module's introduction or summary, through ``ask`` and the terminal chat."""

import io
import json
import subprocess
import sys

import pytest

from bot.app.engine import load_engine
from bot.console.chat import ChatSession
from bot.course.loader import load_course
from conftest import CORPUS, FIXTURES, REPO

COURSES = sorted(p for p in FIXTURES.glob("course-*") if p.is_dir())


def _headings(folder) -> list[str]:
    """Every heading of the course, module titles and section titles, one line each."""
    course = load_course(folder).course
    titles = [m.title for m in course.modules] + [s.title for s in course.sections()]
    return [" ".join(title.split()) for title in titles if title.strip()]


def _empty_answers(folder) -> tuple[int, list[dict]]:
    headings = _headings(folder)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "--content", str(folder)],
        input="\n".join(headings) + "\n", cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(headings)
    answered = [row for row in rows if row["answered"]]
    empty = [row for row in answered
             if not (row["answer"] or "").strip() or not (row["text"] or "").strip()]
    return len(answered), empty


@pytest.mark.parametrize("folder", [*COURSES, CORPUS], ids=lambda p: p.name)
def test_no_heading_asked_as_a_question_gets_an_empty_answer(folder):
    if not folder.is_dir():
        pytest.skip(f"the real course is not available at {folder} (it lives in ../shared)")
    answered, empty = _empty_answers(folder)
    assert answered > 0
    assert empty == [], [(row["question"], row["section_id"] or row["module"]) for row in empty]


def _lesson_without_own_text(folder):
    folder.mkdir()
    (folder / "1.1-pourquoi.md").write_text(
        "# 1.1 Pourquoi versionner son code ?\n\n"
        "## 1.1.1 Garder l'historique\n\nChaque version reste consultable.\n\n"
        "## 1.1.2 Travailler à plusieurs\n\n### 1.1.2.1 Fusionner\n\n"
        "Les modifications de chacun sont réunies.\n\n"
        "## 1.1.3 Installer l'outil\n\n```bash\napt install git\n```\n", encoding="utf-8")
    return folder


def test_a_module_with_only_sub_sections_answers_with_their_openings(tmp_path):
    folder = _lesson_without_own_text(tmp_path / "cours")
    out = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json", "--content", str(folder),
         "Pourquoi versionner son code ?"],
        cwd=REPO, capture_output=True, text=True, timeout=60).stdout
    answer = json.loads(out)
    assert answer["answered"] and answer["module"] == "1.1" and answer["section_id"] is None
    assert answer["answer"].startswith("- Garder l'historique : Chaque version reste")
    assert "- Travailler à plusieurs : Les modifications de chacun" in answer["text"]
    assert "None" not in out

    chat = io.StringIO()
    session = ChatSession(load_engine(folder), out=chat)
    session.handle("Pourquoi versionner son code ?")
    session.handle("Travailler à plusieurs")
    lines = chat.getvalue().splitlines()
    assert lines[0] == "» Pourquoi versionner son code ?"
    assert lines[1] == "" and lines[2].startswith("- Garder l'historique")
    assert "\n\n\n" not in chat.getvalue()
    # The section whose text is all in its sub-section answers with that sub-section's.
    at = lines.index("» Travailler à plusieurs")
    assert lines[at + 2] == "- Fusionner : Les modifications de chacun sont réunies."


def test_a_section_of_code_only_answers_with_the_code(tmp_path):
    folder = _lesson_without_own_text(tmp_path / "cours")
    out = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--content", str(folder), "Installer l'outil"],
        cwd=REPO, capture_output=True, text=True, timeout=60).stdout
    assert out.startswith("```bash apt install git ``` — [1.1.3] Installer l'outil")


async def test_on_discord_a_heading_without_text_answers_and_see_more_shows_it(tmp_path):
    from discord_helpers import fake_discord, settings_for

    folder = _lesson_without_own_text(tmp_path / "cours")
    fake = await fake_discord(settings_for(folder))
    reply = await fake.slash("ask", question="Travailler à plusieurs")
    assert reply.embed["description"].startswith(
        "- Fusionner : Les modifications de chacun sont réunies."), reply.embed
    assert reply.embed["footer"]["text"].startswith("Module 1.1")
    # The module itself answers with its sub-sections' openings, on Discord too.
    module = await fake.slash("ask", question="Pourquoi versionner son code ?")
    assert "- Garder l'historique : Chaque version reste consultable." in (
        module.embed["description"])
    # "See more" shows the same text, then the module's outline.
    more = await fake.click(module, "cb:more:")
    assert "Garder l'historique : Chaque version reste consultable." in more.embed["description"]
    assert "`1.1.2.1` Fusionner" in more.embed["description"]
