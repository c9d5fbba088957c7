"""``quiz.yaml``: the bundled example is valid, and every schema error names its line."""

from __future__ import annotations

import random
import shutil
import textwrap

import pytest

from bot.cli.main import main
from bot.course.loader import load_course
from bot.quiz.bank import load_quiz_bank
from bot.quiz.grading import grade
from bot.quiz.service import QuizService, synonym_variants
from conftest import CONTENT


@pytest.fixture(scope="module")
def course():
    return load_course(CONTENT).course


def _load(tmp_path, course, text):
    (tmp_path / "quiz.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return load_quiz_bank(tmp_path, course)


def test_the_bundled_quiz_file_is_valid(course):
    items, problems = load_quiz_bank(CONTENT, course)
    assert problems == []
    assert sorted(item.kind for item in items) == ["mcq", "true_false", "typed"]
    assert {item.source.module for item in items} == {"3.1"}
    assert all(item.explanation and item.origin == "quiz.yaml" for item in items)
    typed = next(item for item in items if item.kind == "typed")
    assert typed.answers == ("immuable", "inaltérable", "invariable")
    assert typed.key == "3.1/q/image-immuable"
    statement = next(item for item in items if item.kind == "true_false")
    assert statement.answer == "Vrai" and statement.options == ("Vrai", "Faux")


def test_no_file_means_no_item(tmp_path, course):
    assert load_quiz_bank(tmp_path, course) == ([], [])


GOOD = """\
  - module: "3.1"
    kind: typed
    prompt: "Quel adjectif ?"
    answer: immuable
    explanation: "Elle ne change pas."
"""

BROKEN = [
    # (entry, line, message part)
    (
        '- module: "9.9"\n  kind: typed\n  prompt: p\n  answer: a\n  explanation: e\n',
        7,
        "module '9.9' does not exist",
    ),
    (
        '- module: "3.1"\n  section: "3.1.9"\n  kind: typed\n  prompt: p\n  answer: a\n'
        "  explanation: e\n",
        7,
        "section '3.1.9' does not exist in module 3.1",
    ),
    (
        '- module: "3.1"\n  kind: essay\n  prompt: p\n  answer: a\n  explanation: e\n',
        7,
        "kind 'essay' is not one of mcq, true_false, typed",
    ),
    ('- module: "3.1"\n  kind: typed\n  prompt: p\n  answer: a\n', 7, "missing key 'explanation'"),
    (
        '- module: "3.1"\n  kind: typed\n  prompt: p\n  answer: a\n  explanation: e\n  hint: h\n',
        12,
        "unknown key 'hint'",
    ),
    (
        '- module: "3.1"\n  kind: typed\n  prompt: p\n  answer: yes\n  explanation: e\n',
        10,
        "read as the boolean true",
    ),
    (
        '- module: "3.1"\n  kind: mcq\n  prompt: p\n  options: [a, b]\n  answer: a\n'
        "  explanation: e\n",
        7,
        "an mcq needs 3 to 6 options, not 2",
    ),
    (
        '- module: "3.1"\n  kind: mcq\n  prompt: p\n  options: [alpha, beta, gamma]\n'
        "  answer: delta\n  explanation: e\n",
        7,
        "must be exactly one of the options",
    ),
    (
        '- module: "3.1"\n  kind: mcq\n  prompt: p\n  options: [Volume, Volumes, Image]\n'
        "  answer: Image\n  explanation: e\n",
        7,
        "'Volume' and 'Volumes' are too alike",
    ),
    (
        '- module: "3.1"\n  kind: true_false\n  prompt: p\n  answer: maybe\n  explanation: e\n',
        7,
        "a true_false answer must be true or false",
    ),
    (
        '- module: "3.1"\n  kind: typed\n  prompt: p\n  options: [a, b, c]\n  answer: a\n'
        "  explanation: e\n",
        7,
        "'options' is only for kind mcq",
    ),
    (
        '- module: "3.1"\n  kind: mcq\n  prompt: p\n  options: [a1, b2, c3]\n  answer: a1\n'
        "  accepted: [x]\n  explanation: e\n",
        7,
        "'accepted' is only for kind typed",
    ),
    ('- module: "3.1"\n  kind: typed\n  prompt: [unclosed\n', 10, "invalid YAML"),
    # YAML reads an unquoted 3.10 as 3.1: the item would silently join module 3.1.
    (
        "- module: 3.10\n  kind: typed\n  prompt: p\n  answer: a\n  explanation: e\n",
        7,
        "'module' 3.10 is an unquoted number (YAML reads 3.10 as 3.1): "
        'put the id in quotes, module: "3.10"',
    ),
    (
        "- module: 3.1\n  kind: typed\n  prompt: p\n  answer: a\n  explanation: e\n",
        7,
        "'module' 3.1 is an unquoted number",
    ),
    (
        '- module: "3.1"\n  section: 3.1\n  kind: typed\n  prompt: p\n  answer: a\n'
        "  explanation: e\n",
        8,
        "'section' 3.1 is an unquoted number",
    ),
    (
        '- module: "3.1"\n  kind: typed\n  prompt: " quel  ADJECTIF ?"\n  answer: a\n'
        "  explanation: e\n  id: same\n",
        7,
        "duplicate question (same prompt as line 2); entry skipped",
    ),
]


@pytest.mark.parametrize(("entry", "line", "message"), BROKEN)
def test_schema_errors_name_their_line(tmp_path, course, entry, line, message):
    items, problems = _load(tmp_path, course, "questions:\n" + GOOD + textwrap.indent(entry, "  "))
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.path.endswith("quiz.yaml") and problem.line == line, str(problem)
    assert message in problem.message
    if "invalid YAML" not in message:
        assert [item.prompt for item in items] == ["Quel adjectif ?"]  # the good one still loads


def test_an_entry_that_is_not_a_mapping_is_reported(tmp_path, course):
    items, problems = _load(tmp_path, course, "questions:\n" + GOOD + "  - just a text\n")
    assert [p.message for p in problems] == [
        "each question must be a mapping with 'module', 'kind', 'prompt'..."
    ]
    assert len(items) == 1


def test_duplicates_and_warnings(tmp_path, course):
    text = (
        "questions:\n"
        + GOOD
        + GOOD
        + '  - module: "3.1"\n    kind: typed\n    prompt: "Le mot immuable ?"\n'
        + "    answer: immuable\n    accepted: [imuable]\n    explanation: e\n"
    )
    items, problems = _load(tmp_path, course, text)
    assert [(p.line, p.severity) for p in problems] == [
        (7, "error"),
        (12, "warning"),
        (12, "warning"),
    ]
    assert "duplicate question (same prompt as line 2); entry skipped" in problems[0].message
    assert "already accepted" in problems[1].message
    assert "the prompt contains the answer" in problems[2].message
    assert len(items) == 2


def test_every_problem_of_the_file_in_one_run(tmp_path, course):
    text = (
        "questions:\n"
        + GOOD
        + '  - module: "3.1"\n    kind: typed\n    hint: h\n'
        + "  - just a text\n"
        + "extra: 1\n"
    )
    items, problems = _load(tmp_path, course, text)
    assert [(p.line, p.message.split(" (")[0]) for p in problems] == [
        (11, "unknown key 'extra'"),
        (9, "unknown key 'hint' in a quiz question"),
        (7, "missing key 'prompt'"),
        (10, "each question must be a mapping with 'module', 'kind', 'prompt'..."),
    ]
    assert [item.prompt for item in items] == ["Quel adjectif ?"]


def test_top_level_shape(tmp_path, course):
    assert _load(tmp_path, course, "questions: 3\n")[1][0].message == "expected a list of questions"
    assert "unknown key 'items'" in _load(tmp_path, course, "items: []\n")[1][0].message
    assert _load(tmp_path, course, "# nothing yet\n") == ([], [])
    items, problems = _load(tmp_path, course, GOOD.replace("  - ", "- ").replace("\n    ", "\n  "))
    assert problems == [] and len(items) == 1  # a bare list works too


def test_check_reports_quiz_file_problems(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "quiz.yaml").write_text(
        "questions:\n" + GOOD + '  - module: "4.2"\n    kind: typed\n    prompt: p\n'
        "    answer: a\n    explanation: e\n",
        encoding="utf-8",
    )
    assert main(["check", "--content", str(content)]) == 1
    out = capsys.readouterr().out
    assert "quiz.yaml:7: module '4.2' does not exist in the content" in out


def test_typed_answers_accept_the_courses_synonyms(tmp_path):
    folder = tmp_path / "c"
    shutil.copytree(CONTENT, folder)
    (folder / "quiz.yaml").write_text(
        'questions:\n  - module: "3.1"\n    kind: typed\n'
        '    prompt: "Comment appelle-t-on l\'instance qui tourne ?"\n'
        '    answer: "conteneur"\n    explanation: "Le conteneur est une instance."\n',
        encoding="utf-8",
    )
    course = load_course(folder).course
    service, problems = QuizService.from_content(folder, course)
    assert problems == []
    typed = [i for i in service.items("3.1", random.Random(0)) if i.kind == "typed"]
    mine = next(i for i in typed if i.answer == "conteneur")
    assert grade(mine.answer, "container", mine.accepted).accepted
    assert grade(mine.answer, "un ctr", mine.accepted).accepted
    assert not grade(mine.answer, "image", mine.accepted).accepted
    # Inside a longer answer too: "Conteneur Docker" takes "container Docker".
    longer = next(i for i in typed if i.answer == "Conteneur Docker")
    assert grade(longer.answer, "Container Docker", longer.accepted).accepted
    # Without synonyms.yaml, the words stay different.
    (folder / "synonyms.yaml").unlink()
    plain = QuizService.from_content(folder, course)[0].items("3.1", random.Random(0))
    bare = next(i for i in plain if i.kind == "typed" and i.answer == "conteneur")
    assert not grade(bare.answer, "container", bare.accepted).accepted


def test_synonyms_never_loosen_a_command():
    groups = [["docker compose", "docker-compose", "compose"], ["conteneur", "container", "ctr"]]
    assert synonym_variants("docker-compose up", groups) == []
    assert synonym_variants("docker container ls", groups) == []
    assert synonym_variants("-v", groups) == []
    assert "container docker" in synonym_variants("Conteneur Docker", groups)
