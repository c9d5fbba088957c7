"""bot.course.yamlfile directly: line numbers kept, and errors that name the line and the key."""

import pytest

from bot.course.markdown import ContentError
from bot.course.yamlfile import id_field, key_line, line_of, read_yaml, text_field


def _read(tmp_path, text: str):
    path = tmp_path / "faq.yaml"
    path.write_text(text, encoding="utf-8")
    return read_yaml(path, "faq.yaml").data


def test_mappings_keep_their_lines(tmp_path):
    data = _read(tmp_path, "questions:\n  - question: a\n    answer: b\n")
    entry = data["questions"][0]
    assert line_of(entry) == 2 and key_line(entry, "answer") == 3


def test_broken_yaml_names_its_line_and_the_colon_trap(tmp_path):
    with pytest.raises(ContentError) as caught:
        _read(tmp_path, "questions:\n  - question: Deux fichiers : le Dockerfile\n")
    assert caught.value.line == 2 and "must be quoted" in caught.value.message


def test_a_boolean_where_text_is_expected_is_named(tmp_path):
    entry = _read(tmp_path, "- answer: yes\n")[0]
    with pytest.raises(ContentError, match="boolean true"):
        text_field(entry, "answer")


def test_an_id_written_as_a_number_is_refused(tmp_path):
    entry = _read(tmp_path, "- module: 3.10\n")[0]
    with pytest.raises(ContentError):
        id_field(entry, "module")
    assert id_field(_read(tmp_path, "- module: '3.10'\n")[0], "module") == "3.10"
