"""The content sub-commands as a user runs them: modules, show, check, --help."""

import json
import subprocess
import sys

import pytest

from bot.cli.main import main
from conftest import CONTENT, CORPUS, REPO, needs_corpus


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=REPO, capture_output=True, text=True, timeout=60
    )


def test_help_lists_every_subcommand_and_each_has_help():
    top = run("--help")
    assert top.returncode == 0
    commands = ["chat", "ask", "modules", "show", "check", "quiz", "grade", "run", "privacy"]
    for name in commands:
        assert name in top.stdout
        sub = run(name, "--help")
        assert sub.returncode == 0 and "usage:" in sub.stdout


def test_modules_text_and_json(capsys):
    assert main(["modules", "--content", str(CONTENT)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3.1 ") and "Quelle est la différence" in out
    assert main(["modules", "--json", "--content", str(CONTENT)]) == 0
    [module] = json.loads(capsys.readouterr().out)
    assert module["id"] == "3.1" and module["sections"] == 4 and module["summary_items"] == 2
    assert module["path"].endswith("3.1-conteneur-vs-image-docker.md")


def test_modules_defaults_to_the_configured_content_folder():
    result = run("modules", "--json")
    assert result.returncode == 0
    assert [m["id"] for m in json.loads(result.stdout)] == ["3.1"]


def test_show_module_and_section(capsys):
    assert main(["show", "3.1", "--content", str(CONTENT)]) == 0
    out = capsys.readouterr().out
    assert "Prérequis" in out and "[3.1.2] Image Docker" in out and "Image Docker :" in out
    assert main(["show", "--json", "3.1", "--content", str(CONTENT)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in data["sections"]] == ["3.1.1", "3.1.2", "3.1.3", "3.1-resume"]
    assert set(data["sections"][0]) >= {"id", "title", "level", "line", "sections"}
    assert main(["show", "3.1.2", "--content", str(CONTENT)]) == 0
    assert "Une image Docker est comparable" in capsys.readouterr().out
    assert main(["show", "9.9", "--content", str(CONTENT)]) == 1


@pytest.mark.parametrize(
    ("lang", "wanted", "unwanted"),
    [("fr", ["Prérequis :", "Objectifs :", "Résumé :", "points au résumé"],
      ["Prerequisites", "Summary", "summary items"]),
     ("en", ["Prerequisites:", "Objectives:", "Summary:", "summary items"],
      ["Prérequis", "Objectifs", "points au résumé"])],
)
def test_modules_and_show_speak_one_language(capsys, lang, wanted, unwanted):
    for args in (["modules"], ["show", "3.1"]):
        assert main([*args, "--lang", lang, "--content", str(CONTENT)]) == 0
    out = capsys.readouterr().out
    assert all(w in out for w in wanted), out
    assert not any(u in out for u in unwanted), out
    # The module's introduction is shown too, as Discord's /module does.
    assert "introduisons d'abord le concept d'instance" in out


@needs_corpus
def test_show_json_tree_nests_subsections(capsys):
    assert main(["show", "--json", "5.2", "--content", str(CORPUS)]) == 0
    data = json.loads(capsys.readouterr().out)
    first = data["sections"][0]
    assert first["id"] == "5.2.1" and [s["id"] for s in first["sections"]][:2] == [
        "5.2.1.1",
        "5.2.1.2",
    ]


def test_check_ok_and_broken(tmp_path, capsys):
    assert main(["check", "--content", str(CONTENT)]) == 0
    assert capsys.readouterr().err == "ok: 1 module\n"
    (tmp_path / "1.1-a.md").write_text("# 1.1 A\n", encoding="utf-8")
    (tmp_path / "1.2-b.md").write_bytes(b"# 1.2 B\n\xff\n")
    (tmp_path / "faq.yaml").write_text("- question: x\n  section: '4.4'\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "--content", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    expected = "1.2-b.md:2: invalid UTF-8 (byte 0xff at column 1): save the file as UTF-8"
    assert any(line.endswith(expected) for line in lines)
    assert any("faq.yaml:1: section '4.4' does not exist" in line for line in lines)


@needs_corpus
def test_check_the_real_course_is_clean():
    result = run("check", "--content", str(CORPUS))
    assert result.returncode == 0, result.stdout + result.stderr
    # Only warnings: the installation and practical-work pages have no summary, and 4.2's
    # summary is prose; and a note that the course has no synonyms.yaml.
    lines = [line for line in result.stdout.splitlines() if not line.startswith("note: ")]
    assert sum("synonyms.yaml" in line for line in result.stdout.splitlines()) == 1
    assert sum("no summary section" in line for line in lines) == 9
    assert [line for line in lines if "no summary section" not in line] == [
        line for line in lines if "module 4.2: its summary has no bullet list" in line]
    assert len(lines) == 10


def test_check_warns_of_what_loads_but_may_not_be_meant(tmp_path, capsys):
    (tmp_path / "4.1-vues.md").write_text(
        "# 4.1 Les vues\n\n## 4.1.1 Créer une vue\n\nCREATE VIEW.\n\n"
        "## 2.1.1 Vue matérialisée\n\nElle stocke le résultat.\n", encoding="utf-8")
    (tmp_path / "4.2-droits.md").write_text(
        "# 4.2 Les droits\n\n## 4.2.1 GRANT\n\nDonne un droit.\n\n## Synthèse\n\n"
        "- **GRANT** : donne un droit\n", encoding="utf-8")
    assert main(["check", "--content", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "4.1-vues.md:1: module 4.1: no summary section" in out
    assert "4.1-vues.md:7: section numbered 2.1.1 inside module 4.1: its id is " in out
    assert "module 4.2" not in out  # « Synthèse » is a summary
    (tmp_path / "4.3-prose.md").write_text(
        "# 4.3 Les rôles\n\n## 4.3.1 CREATE ROLE\n\nCrée un rôle.\n\n## Résumé\n\n"
        "Nous avons vu les rôles.\n", encoding="utf-8")
    assert main(["check", "--content", str(tmp_path)]) == 0
    assert "4.3-prose.md:7: module 4.3: its summary has no bullet list" in capsys.readouterr().out


@pytest.mark.parametrize("bad", ["language: de\n", "databse: x\n", "quiz:\n  questions: yes\n"])
def test_bad_config_names_the_key(tmp_path, bad):
    config = tmp_path / "c.yaml"
    config.write_text(bad, encoding="utf-8")
    result = run("--config", str(config), "modules")
    assert result.returncode == 2
    key = bad.split(":")[0].strip()
    assert f"configuration error: {key}" in result.stderr
