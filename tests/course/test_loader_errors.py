"""Broken content gives one clear `path:line: message` each and never stops the rest."""

from pathlib import Path

import pytest

from bot.course.loader import load_course
from bot.course.model import natural_key

GOOD = "# 1.1 Bon module\n\nIntro.\n\n## 1.1.1 Partie\n\nTexte.\n"

BROKEN = [
    ("empty.md", b"", 1, "empty file"),
    ("blank.md", b"\n\n   \n", 1, "empty file"),
    ("noheading.md", b"Just text, no title.\n\nMore text.\n", 1, "no heading"),
    ("latin1.md", "# 2.1 Titre\n\nPremière ligne\ncafé\n".encode("latin-1"), 3, "invalid UTF-8"),
    ("binary.md", b"# 2.2 Title\n\x00\x01\x02", 2, "binary file"),
    ("fenced-only.md", b"```\n# not a heading\n```\n", 1, "no heading"),
]


@pytest.mark.parametrize(("name", "data", "line", "message"), BROKEN)
def test_broken_file_is_reported_and_others_load(tmp_path: Path, name, data, line, message):
    (tmp_path / "1.1-good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    result = load_course(tmp_path)
    assert [m.id for m in result.course.modules] == ["1.1"]
    assert len(result.errors) == 1
    problem = result.errors[0]
    assert problem.path.endswith(name)
    assert problem.line == line
    assert message in problem.message
    assert str(problem).startswith(f"{problem.path}:{line}: ")


def test_duplicate_module_id_keeps_the_first(tmp_path: Path):
    (tmp_path / "1.1-good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "1.1-copy.md").write_text("\n" + GOOD, encoding="utf-8")
    result = load_course(tmp_path)
    assert len(result.course.modules) == 1
    assert result.course.module("1.1").path.endswith("1.1-good.md") or result.course.module(
        "1.1"
    ).path.endswith("1.1-copy.md")
    [problem] = result.errors
    assert "duplicate module id '1.1'" in problem.message and "file skipped" in problem.message
    assert problem.line == 2 or problem.line == 1


def test_huge_file_is_refused(tmp_path: Path):
    (tmp_path / "1.1-good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "9.9-huge.md").write_text("# 9.9 Huge\n" + "x" * 2_100_000, encoding="utf-8")
    result = load_course(tmp_path)
    assert [m.id for m in result.course.modules] == ["1.1"]
    assert "file too large" in result.errors[0].message


def test_bom_and_crlf_load_like_plain_utf8(tmp_path: Path):
    text = GOOD.replace("\n", "\r\n")
    (tmp_path / "1.1-bom.md").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = load_course(tmp_path)
    assert result.problems == []
    module = result.course.module("1.1")
    assert module.title == "Bon module"
    assert module.sections[0].text == "Texte."


def test_missing_and_empty_folders(tmp_path: Path):
    assert "not found" in load_course(tmp_path / "nope").errors[0].message
    assert "no Markdown module" in load_course(tmp_path).errors[0].message


def test_recursive_natural_order_and_readme_skipped(tmp_path: Path):
    for number in ("3.10", "3.2", "10.1", "3.1"):
        folder = tmp_path / f"module-{number.split('.')[0]}"
        folder.mkdir(exist_ok=True)
        (folder / f"{number}-x.md").write_text(f"# {number} Titre {number}\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("# Index of the course\n", encoding="utf-8")
    result = load_course(tmp_path)
    assert result.problems == []
    assert [m.id for m in result.course.modules] == ["3.1", "3.2", "3.10", "10.1"]
    assert sorted(["b", "3.10", "3.9", "a"], key=natural_key) == ["3.9", "3.10", "a", "b"]


def test_module_id_fallbacks(tmp_path: Path):
    (tmp_path / "4.2-lab.md").write_text("# TP du module\n\n## Partie 1\n\nTexte\n", "utf-8")
    (tmp_path / "intro-generale.md").write_text("# Introduction générale\n", "utf-8")
    course = load_course(tmp_path).course
    assert [m.id for m in course.modules] == ["4.2", "intro-generale"]
    assert course.module("4.2").sections[0].id == "4.2-partie-1"


def test_markdown_prerequisites_and_summary(tmp_path: Path):
    (tmp_path / "1.1-md.md").write_text(
        "# 1.1 Titre\n\n## Prérequis\n\n- savoir lire\n- savoir écrire\n\n"
        "## Objectifs pédagogiques\n\n1. comprendre X\n\n## 1.1.1 X\n\n| a | b |\n|---|---|\n"
        "| `c` | d |\n\n![schéma](img.png) et [lien](https://e.org)\n\n"
        "## Summary\n\n- **X** : une chose.\n- **Y :** une autre.\n- plain bullet\n",
        "utf-8",
    )
    module = load_course(tmp_path).course.module("1.1")
    assert module.prerequisites == ("savoir lire", "savoir écrire")
    assert module.objectives == ("comprendre X",)
    assert [s.title for s in module.sections] == ["X", "Summary"]
    assert "c | d" in module.sections[0].text
    assert "schéma et lien (https://e.org)" in module.sections[0].text
    pairs = [(p.term, p.definition) for p in module.pairs]
    assert pairs == [("X", "une chose."), ("Y", "une autre.")]
    assert module.summary[-1].text == "plain bullet" and not module.summary[-1].is_pair
