"""faq.yaml and synonyms.yaml are schema-checked with `path:line` errors."""

import pytest

from bot.course.faq import load_faq, load_synonyms
from bot.course.loader import load_course
from bot.text.normalise import Normalizer
from conftest import CONTENT

COURSE = load_course(CONTENT).course

FAQ_CASES = [
    ("- question: a\n  section: 3.1.2\n- question: b\n  section: '9.9'\n", 3,
     "section '9.9' does not exist"),
    # YAML reads an unquoted 3.10 as 3.1, an id of another module.
    ("- question: a\n  section: 3.10\n", 2,
     "'section' 3.10 is an unquoted number (YAML reads 3.10 as 3.1): "
     "put the id in quotes, section: \"3.10\""),
    ("- question: a\n  answer: b\n  module: 3.1\n", 3, "'module' 3.1 is an unquoted number"),
    ("- question: Dup\n  answer: a\n- question: dup ?\n  answer: b\n", 3,
     "duplicate question 'dup ?' (already in the entry on line 1); entry skipped"),
    ("- question: Dup\n  section: 3.1.2\n- question: Dup\n  section: 3.1.3\n", 3,
     "duplicate question 'Dup' (already in the entry on line 1)"),
    ("- question: a\n  alternates: ['le B ?']\n  answer: x\n- question: le b\n  answer: y\n", 4,
     "duplicate question 'le b' (already in the entry on line 1)"),
    ("- question: a\n  answer: b\n- just a text\n", 3, "each FAQ entry must be a mapping"),
    ("- question: a\n  section: 3.1.2\n  answer: b\n", 1, "exactly one of 'section' or 'answer'"),
    ("- question: yes\n  answer: b\n", 1, "read as the boolean true"),
    ("- question: a\n  answer: b\n  sectoin: 3.1.1\n", 3, "unknown key 'sectoin'"),
    ("- answer: b\n", 1, "missing key 'question'"),
    ("- question: a\n  answer: [b\n", 3, "invalid YAML"),
    ("- question: a\n  answer: Deux fichiers : le Dockerfile\n", 2,
     "a text containing ': ' must be quoted"),
    ("- question: a\n  alternates: {x: 1}\n  answer: b\n", 2, "'alternates' must be a list"),
    ("- question: a\n  module: '8.8'\n  answer: b\n", 1, "module '8.8' does not exist"),
]


@pytest.mark.parametrize(("text", "line", "message"), FAQ_CASES)
def test_faq_errors(tmp_path, text, line, message):
    (tmp_path / "faq.yaml").write_text(text, encoding="utf-8")
    entries, problems = load_faq(tmp_path, COURSE)
    assert len(problems) == 1
    assert problems[0].line == line and message in problems[0].message
    assert str(problems[0]).split(":")[0].endswith("faq.yaml")


def test_faq_good_entries_survive_a_bad_one(tmp_path):
    (tmp_path / "faq.yaml").write_text(FAQ_CASES[0][0], encoding="utf-8")
    entries, _ = load_faq(tmp_path, COURSE)
    assert [e.question for e in entries] == ["a"]


SYNONYM_CASES = [
    ("- [conteneur, container]\n- [on, off]\n", 2, "read as a boolean"),
    ("- [seul]\n", 1, "needs at least two terms"),
    ("- [bind mount: montage lie, bind]\n", 1, "a term containing ': ' was read as a key"),
    ("- conteneur\n", 1, "expected a list of terms"),
    ("groups:\n  - [a, b]\n\n  - conteneur\n", 4, "group 2: expected a list of terms"),
    ("- [conteneur, container]\n- [volume, volumes, Conténeur]\n", 2,
     "'Conténeur' is already in the group on line 1; dropped from this one"),
    ("groups: 3\n", 1, "expected a list of synonym groups"),
    ("grops:\n  - [a, b]\n", 1, "unknown key 'grops'"),
]


@pytest.mark.parametrize(("text", "line", "message"), SYNONYM_CASES)
def test_synonym_errors(tmp_path, text, line, message):
    (tmp_path / "synonyms.yaml").write_text(text, encoding="utf-8")
    groups, problems = load_synonyms(tmp_path)
    assert problems and problems[0].line == line and message in problems[0].message


def test_bundled_yaml_files_are_valid():
    groups, problems = load_synonyms(CONTENT)
    assert problems == []
    assert ["conteneur", "container", "containers", "conteneurs", "ctr"] in groups


def test_faq_duplicate_keeps_the_first_entry(tmp_path):
    (tmp_path / "faq.yaml").write_text(
        "- question: Dup\n  answer: a\n- question: Dup\n  answer: b\n", encoding="utf-8"
    )
    entries, problems = load_faq(tmp_path, COURSE)
    assert [(e.question, e.answer) for e in entries] == [("Dup", "a")]
    assert [p.severity for p in problems] == ["error"]


def test_faq_unknown_key_and_other_problem_reported_together(tmp_path):
    (tmp_path / "faq.yaml").write_text(
        "questions:\n  - question: a\n    sectoin: 3.1.1\nextra: 1\n", encoding="utf-8"
    )
    entries, problems = load_faq(tmp_path, COURSE)
    assert entries == []
    assert [(p.line, p.message.split(" (")[0]) for p in problems] == [
        (4, "unknown key 'extra'"),
        (3, "unknown key 'sectoin' in a FAQ entry"),
        (2, "a FAQ entry needs exactly one of 'section' or 'answer'"),
    ]


def test_a_term_in_two_synonym_groups_does_not_merge_them(tmp_path):
    (tmp_path / "synonyms.yaml").write_text(
        "groups:\n  - [conteneur, container]\n  - [volume, volumes, CONTENEUR]\n",
        encoding="utf-8",
    )
    groups, problems = load_synonyms(tmp_path)
    assert groups == [["conteneur", "container"], ["volume", "volumes"]]
    assert [(p.line, p.severity) for p in problems] == [(3, "error")]
    normalizer = Normalizer(groups)
    assert normalizer.concepts("container") == normalizer.concepts("conteneur")
    assert normalizer.concepts("conteneur") != normalizer.concepts("volume")


def test_numbers_in_texts_are_kept_as_written(tmp_path):
    (tmp_path / "synonyms.yaml").write_text("- [v1.10, 1.10]\n", encoding="utf-8")
    assert load_synonyms(tmp_path) == ([["v1.10", "1.10"]], [])
