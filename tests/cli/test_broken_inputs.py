"""A table of broken content and configuration: each gives a `path:line` or key message, the
good files still load, and nothing crashes. Driven through the CLI as a TA would run it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

GOOD = "# 1.1 Bon module\n\nIntro.\n\n## 1.1.1 Partie\n\nTexte sur les images.\n"

# (kind, files to add beside the good module, expected fragment of `check` output)
CONTENT_CASES = [
    ("empty file", {"2.1-empty.md": b""}, "2.1-empty.md:1: empty file"),
    ("no heading", {"2.1-x.md": b"du texte\n"}, "2.1-x.md:1: no heading"),
    ("latin-1 bytes", {"2.1-x.md": "# 2.1 Été\n\ncafé\n".encode("latin-1")},
     "2.1-x.md:1: invalid UTF-8"),
    ("binary", {"2.1-x.md": b"\x89PNG\r\n\x1a\n\x00\x00"}, "2.1-x.md:3: binary file"),
    ("UTF-16 module", {"2.1-x.md": "# 2.1 Été\n\ncafé\n".encode("utf-16")},
     "2.1-x.md:1: UTF-16 text: save the file as UTF-8"),
    ("UTF-16 without BOM", {"2.1-x.md": "# 2.1 Été\n\ncafé\n".encode("utf-16-le")},
     "2.1-x.md:1: UTF-16 text"),
    ("UTF-16 YAML", {"faq.yaml": "- question: q\n  answer: a\n".encode("utf-16")},
     "faq.yaml:1: UTF-16 text: save the file as UTF-8"),
    ("huge file", {"2.1-x.md": b"# 2.1 T\n" + b"a" * 2_100_000}, "2.1-x.md:1: file too large"),
    ("duplicate module id", {"1.1-bis.md": GOOD.encode()}, "duplicate module id '1.1'"),
    ("invalid YAML", {"faq.yaml": b"- question: [a\n"}, "faq.yaml:2: invalid YAML"),
    ("YAML boolean", {"synonyms.yaml": b"- [oui, yes]\n- [on, off]\n"},
     "synonyms.yaml:2: group 2: a term was read as a boolean"),
    ("FAQ to a missing section", {"faq.yaml": b"- question: q\n  section: 9.9.9\n"},
     "faq.yaml:1: section '9.9.9' does not exist"),
    ("FAQ wrong type", {"faq.yaml": b"- question: q\n  answer: a\n  alternates: 3\n"},
     "faq.yaml:3: 'alternates' must be a list"),
    ("FAQ not a list", {"faq.yaml": b"question: q\n"}, "faq.yaml:1: unknown key 'question'"),
    ("synonym group of one", {"synonyms.yaml": b"- [seul]\n"}, "synonyms.yaml:1: group 1"),
    ("synonym group as a plain value",
     {"synonyms.yaml": b"groups:\n  - [a, b]\n  - [c, d]\n  - conteneur\n"},
     "synonyms.yaml:4: group 3: expected a list of terms"),
    ("synonym term in two groups",
     {"synonyms.yaml": b"- [conteneur, container]\n- [volume, conteneur]\n"},
     "synonyms.yaml:2: 'conteneur' is already in the group on line 1"),
    ("FAQ section as an unquoted number", {"faq.yaml": b"- question: q\n  section: 1.10\n"},
     "faq.yaml:2: 'section' 1.10 is an unquoted number"),
    ("FAQ duplicate question",
     {"faq.yaml": b"- question: Dup\n  answer: a\n- question: Dup\n  answer: b\n"},
     "faq.yaml:3: duplicate question 'Dup' (already in the entry on line 1)"),
    ("quiz duplicate prompt",
     {"quiz.yaml": b"- module: '1.1'\n  kind: typed\n  prompt: P\n  answer: a\n"
                   b"  explanation: x\n  id: same\n"
                   b"- module: '1.1'\n  kind: typed\n  prompt: P\n  answer: b\n"
                   b"  explanation: x\n"},
     "quiz.yaml:7: duplicate question (same prompt as line 1)"),
    ("quiz answer not among its options",
     {"quiz.yaml": b"questions:\n  - module: '1.1'\n    kind: mcq\n    prompt: Quoi ?\n"
                   b"    options: [a, b, c]\n    answer: d\n    explanation: x\n"},
     "quiz.yaml:2: the answer 'd' must be exactly one of the options"),
    ("quiz item of an unknown module",
     {"quiz.yaml": b"- module: '8.8'\n  kind: true_false\n  prompt: P\n  answer: true\n"
                   b"  explanation: x\n"},
     "quiz.yaml:1: "),
]


def cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=60)


@pytest.mark.parametrize(("kind", "files", "expected"), CONTENT_CASES,
                         ids=[c[0] for c in CONTENT_CASES])
def test_broken_content(tmp_path, kind, files, expected):
    (tmp_path / "1.1-good.md").write_text(GOOD, encoding="utf-8")
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    check = cli("check", "--content", str(tmp_path))
    assert check.returncode == 1, kind
    assert expected in check.stdout, check.stdout
    assert "Traceback" not in check.stderr
    modules = json.loads(cli("modules", "--json", "--content", str(tmp_path)).stdout)
    assert [m["id"] for m in modules] == ["1.1"]
    answer = json.loads(cli("ask", "--json", "--content", str(tmp_path), "images").stdout)
    assert answer["module"] == "1.1"


def test_quiz_module_as_an_unquoted_number_is_not_served_elsewhere(tmp_path):
    (tmp_path / "1.1-good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "1.10-more.md").write_text(GOOD.replace("1.1", "1.10"), encoding="utf-8")
    (tmp_path / "quiz.yaml").write_text(
        "questions:\n  - module: 1.10\n    kind: typed\n    prompt: Quel mot ?\n"
        "    answer: image\n    explanation: x\n",
        encoding="utf-8",
    )
    check = cli("check", "--content", str(tmp_path))
    assert check.returncode == 1
    assert "quiz.yaml:2: 'module' 1.10 is an unquoted number" in check.stdout
    assert 'module: "1.10"' in check.stdout
    for module in ("1.1", "1.10"):
        quiz = cli("quiz", "--json", "--content", str(tmp_path), module, "-n", "50")
        assert "Quel mot ?" not in quiz.stdout, module


def test_a_file_with_a_stray_top_level_key_shows_its_other_problems(tmp_path):
    (tmp_path / "1.1-good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "faq.yaml").write_text(
        "questions:\n  - question: q\n    section: '9.9'\nextra: 1\n", encoding="utf-8"
    )
    check = cli("check", "--content", str(tmp_path))
    assert "faq.yaml:4: unknown key 'extra'" in check.stdout
    assert "faq.yaml:2: section '9.9' does not exist" in check.stdout


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("1.1-bom.md", b"\xef\xbb\xbf" + GOOD.encode()),
        ("1.1-crlf.md", GOOD.replace("\n", "\r\n").encode()),
    ],
)
def test_bom_and_crlf_are_fine(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    assert cli("check", "--content", str(tmp_path)).returncode == 0


def test_empty_content_folder(tmp_path):
    check = cli("check", "--content", str(tmp_path))
    assert check.returncode == 1 and "no Markdown module" in check.stdout
    answer = json.loads(cli("ask", "--json", "--content", str(tmp_path), "image ?").stdout)
    assert answer["answered"] is False


CONFIG_CASES = [
    ("unknown key", "contnet_dir: x\n", "contnet_dir: unknown key"),
    ("unknown nested key", "discord:\n  ta_rol: TA\n", "discord.ta_rol: unknown key"),
    ("wrong type", "quiz:\n  questions: many\n", "quiz.questions: expected int"),
    ("YAML boolean for text", "discord:\n  ta_role: yes\n",
     "discord.ta_role: expected text, got the boolean"),
    ("invalid YAML", "language: [fr\n", "invalid YAML"),
    ("token in a file", "token: abc\n", "token: never put the token in a file"),
    ("token under discord", "discord:\n  token: abc\n",
     "discord.token: never put the token in a file; set DISCORD_TOKEN instead"),
    ("out of range", "answer:\n  answer_score: 300\n", "answer.answer_score: expected a score"),
    ("not a mapping", "- a\n- b\n", "expected a mapping"),
]


@pytest.mark.parametrize(
    ("kind", "text", "expected"), CONFIG_CASES, ids=[c[0] for c in CONFIG_CASES]
)
def test_broken_configuration(tmp_path, kind, text, expected):
    config = tmp_path / "config.yaml"
    config.write_text(text, encoding="utf-8")
    result = cli("--config", str(config), "ask", "image ?")
    assert result.returncode == 2, kind
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
