"""Courses as real ones are written: a tree of folders with navigation lines, a table of
contents, files named alike, lessons numbered ``3.1.0`` and summaries in several shapes. Each
through the CLI a TA or a student runs."""

from __future__ import annotations

import json
import re

from bot.cli.main import main
from conftest import C_COURSE, COURSE_TREE, needs_c_course


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _modules(capsys, folder) -> dict[str, dict]:
    code, out, _ = _run(capsys, "modules", "--json", "--content", str(folder))
    assert code == 0
    return {m["id"]: m for m in json.loads(out)}


def test_check_of_a_course_tree_is_clean(capsys):
    code, out, err = _run(capsys, "check", "--content", str(COURSE_TREE))
    assert code == 0, out
    # Navigation lines (« 🔝 Retour au Sommaire », « ⏭️ next lesson ») are not content.
    assert "text before the title heading" not in out
    assert "duplicate module id" not in out
    # A lesson's local numbering (« ### 1. Un exemple ») is not another module's number.
    assert "section numbered" not in out
    notes = [line for line in out.splitlines()
             if line.startswith("note:") and "synonyms.yaml" not in line]
    assert len(notes) == 1
    assert "2 pages read as a table of contents" in notes[0]
    assert "SOMMAIRE.md" in notes[0] and "module-01-les-bases.md" in notes[0]
    assert "ok: 7 modules" in err


def test_files_named_alike_are_all_lessons_with_ids_from_their_folders(capsys):
    modules = _modules(capsys, COURSE_TREE)
    assert {"01-bases-exemples-compiler", "02-outils-exemples-compiler"} <= set(modules)
    assert {"glossaire-01", "antiseches-01"} <= set(modules)
    # The table of contents and the chapter overview are not lessons.
    assert not any("sommaire" in m or "module-01" in m for m in modules)
    code, out, _ = _run(capsys, "show", "--content", str(COURSE_TREE), "glossaire-01")
    assert code == 0 and "Édition de liens" in out


def test_a_lesson_numbered_3_1_0_is_module_3_1_with_its_sections(capsys):
    code, out, err = _run(capsys, "show", "--content", str(COURSE_TREE), "3.1")
    assert code == 0, err
    assert out.startswith("3.1 — Le débogueur GDB")
    assert "[3.1.1] Poser un point d'arrêt" in out and "[3.1.2] Examiner une variable" in out
    code, out, err = _run(capsys, "show", "--content", str(COURSE_TREE), "3.1.1")
    assert code == 0, err
    assert "break main" in out


def test_navigation_lines_are_not_in_answers(capsys):
    code, out, _ = _run(capsys, "show", "--json", "--content", str(COURSE_TREE), "1.1")
    assert code == 0
    text = json.dumps(json.loads(out), ensure_ascii=False)
    assert "Sommaire" not in text and "Les bibliothèques" not in text


def test_summaries_as_real_courses_write_them(capsys):
    code, out, _ = _run(capsys, "show", "--json", "--content", str(COURSE_TREE), "1.1")
    summary = json.loads(out)["summary"]
    pairs = {item["term"]: item["definition"] for item in summary if item["term"]}
    # « ✅ **Term** verb … »: the emoji goes, the verb introduces the definition.
    assert pairs["Le préprocesseur"].startswith("traite les lignes")
    assert pairs["gcc -c"].startswith("produit un fichier objet")
    # « ❌ » marks a wrong statement: never a definition.
    assert "L'éditeur de liens" not in pairs
    # « > 🎯 **À retenir** : … » callouts are summary points.
    assert any(item["text"].startswith("l'option -save-temps") for item in summary)
    code, out, _ = _run(capsys, "show", "--json", "--content", str(COURSE_TREE), "1.2")
    table = {item["term"]: item["definition"] for item in json.loads(out)["summary"]}
    assert table["ldd"] == "Liste les bibliothèques partagées d'un exécutable"
    modules = _modules(capsys, COURSE_TREE)
    assert modules["1.1"]["summary_items"] == 4 and modules["1.2"]["summary_pairs"] == 3


def test_quizzes_come_from_table_summaries_one_right_option_each(capsys):
    code, out, err = _run(
        capsys, "quiz", "--json", "--content", str(COURSE_TREE), "1.2", "-n", "3", "--seed", "1"
    )
    assert code == 0, err
    items = json.loads(out)
    assert items
    for item in items:
        if item["kind"] == "mcq":
            assert item["options"].count(item["answer"]) == 1
        # No giveaway: the answer is not a word of its own prompt.
        assert not re.search(rf"\b{re.escape(item['answer'])}\b", item["prompt"], re.I)


@needs_c_course
def test_the_c_course_loads_well(capsys):
    code, out, err = _run(capsys, "check", "--content", str(C_COURSE))
    assert code == 0, out[:2000]
    assert "text before the title heading" not in out
    assert "duplicate module id" not in out
    assert "section numbered" not in out
    # One note for the tables of contents, one for the missing synonyms.yaml.
    assert sum(line.startswith("note:") for line in out.splitlines()) == 2
    modules = _modules(capsys, C_COURSE)
    # 472 files, 42 of them README.md: every other one is a lesson, but the table of contents
    # and the nine chapter overviews.
    assert len(modules) == 420
    # Two lessons in three have summary points to quiz on (none had before).
    assert sum(1 for m in modules.values() if m["summary_items"]) >= 280
    assert "3.1" in modules and "exemples-compiler" not in modules
