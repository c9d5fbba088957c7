"""YAML reading for content files: line numbers kept, and YAML's traps reported clearly."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml

from bot.course.loader import ContentError, decode, display_path
from bot.course.model import Problem

T = TypeVar("T")


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers where every mapping, sequence item and number came from."""


class LineDict(dict):
    """A YAML mapping that remembers the line it started on and the line of each key."""

    line: int = 1
    key_lines: dict[Any, int]


class LineList(list):
    """A YAML sequence that remembers the line it started on and the line of each item."""

    line: int = 1
    item_lines: list[int]


class WrittenInt(int):
    """An unquoted YAML integer that remembers how it was written (``007``)."""

    written: str = ""


class WrittenFloat(float):
    """An unquoted YAML float that remembers how it was written (``3.10``, read as 3.1)."""

    written: str = ""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    mapping = LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if isinstance(key, Hashable):
            mapping.key_lines.setdefault(key, key_node.start_mark.line + 1)
    return mapping


def _sequence_with_line(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    sequence = LineList(loader.construct_sequence(node, deep=True))
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


def _int_as_written(loader: _LineLoader, node: yaml.ScalarNode) -> WrittenInt:
    number = WrittenInt(loader.construct_yaml_int(node))
    number.written = node.value
    return number


def _float_as_written(loader: _LineLoader, node: yaml.ScalarNode) -> WrittenFloat:
    number = WrittenFloat(loader.construct_yaml_float(node))
    number.written = node.value
    return number


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence_with_line)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _int_as_written)
_LineLoader.add_constructor("tag:yaml.org,2002:float", _float_as_written)


def as_written(value: object) -> str:
    """A scalar as text, a number as the TA wrote it (``3.10``, not ``3.1``)."""
    return getattr(value, "written", "") or str(value)


@dataclass(frozen=True)
class Located:
    """A parsed YAML document and the file it came from."""

    data: Any
    path: str


def read_yaml(path: Path, shown: str) -> Located:
    """Parse a YAML file keeping line numbers; raise ContentError(line, message) when broken."""
    text = decode(path.read_bytes(), shown)
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ContentError(line, f"invalid YAML: {problem}{_hint(problem)}") from None
    return Located(data, shown)


def _hint(problem: str) -> str:
    # The trap of French text: "Deux fichiers : le Dockerfile" reads as a key and a value.
    if "mapping values are not allowed" in problem:
        return " (a text containing ': ' must be quoted: \"Deux fichiers : le Dockerfile\")"
    return ""


def line_of(item: Any, default: int = 1) -> int:
    """The line a mapping or sequence started on in its YAML file."""
    return getattr(item, "line", default)


def key_line(item: dict, key: Any) -> int:
    """The line of ``key`` in a mapping from a YAML file (the mapping's own line if unknown)."""
    return getattr(item, "key_lines", {}).get(key, line_of(item))


def item_line(sequence: list, index: int) -> int:
    """The line of a sequence's ``index``-th item, a plain value included."""
    lines = getattr(sequence, "item_lines", ())
    return lines[index] if index < len(lines) else line_of(sequence)


def text_field(item: dict, key: str, *, required: bool = False) -> str | None:
    """A text value; YAML booleans (yes/no/on/off) are named, numbers kept as written."""
    if key not in item or item[key] is None:
        if required:
            raise ContentError(line_of(item), f"missing key {key!r}")
        return None
    value = item[key]
    if isinstance(value, bool):
        raise ContentError(
            key_line(item, key),
            f"{key!r} was read as the boolean {str(value).lower()} (YAML reads yes/no/on/off "
            "as booleans): put the text in quotes",
        )
    if isinstance(value, int | float):
        return as_written(value)
    if not isinstance(value, str):
        raise ContentError(key_line(item, key), f"{key!r} must be text, not {type(value).__name__}")
    if required and not value.strip():
        raise ContentError(key_line(item, key), f"{key!r} is empty")
    return value.strip()


def id_field(item: dict, key: str, *, required: bool = False) -> str | None:
    """A module or section id, which must be text: YAML reads an unquoted 3.10 as 3.1, so
    an id written as a number is refused even when it happens to survive (3.1, 4)."""
    value = item.get(key)
    if isinstance(value, int | float) and not isinstance(value, bool):
        written = as_written(value)
        raise ContentError(
            key_line(item, key),
            f"{key!r} {written} is an unquoted number (YAML reads 3.10 as 3.1): "
            f'put the id in quotes, {key}: "{written}"',
        )
    return text_field(item, key, required=required)


def text_list(item: dict, key: str) -> list[str]:
    """A list of texts (a single text is accepted as a one-item list)."""
    value = item.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise ContentError(key_line(item, key), f"{key!r} must be a list of texts")
    out = []
    for element in value:
        if isinstance(element, bool):
            raise ContentError(
                key_line(item, key),
                f"an item of {key!r} was read as a boolean (yes/no/on/off): put it in quotes",
            )
        if not isinstance(element, str | int | float):
            raise ContentError(key_line(item, key), f"items of {key!r} must be texts")
        out.append(as_written(element).strip())
    return [x for x in out if x]


@dataclass(frozen=True)
class EntrySchema:
    """What the entries of a TA's list file may hold, and how to name them in messages."""

    keys: frozenset[str]
    what: str  # "a FAQ entry"
    shape: str  # the message for an entry that is not a mapping


def parse_entries(
    shown: str, entries: list, schema: EntrySchema, parse: Callable[[dict], T]
) -> tuple[list[tuple[dict, T]], list[Problem]]:
    """``(entry, parse(entry))`` for each good mapping of ``entries``, and the problems of the
    others, which are skipped. An entry's unknown keys are reported beside its first other
    problem, so that one ``check`` shows both."""
    parsed, problems = [], []
    unknown = f"in {schema.what} (allowed: {', '.join(sorted(schema.keys))})"
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            problems.append(Problem(shown, item_line(entries, index), schema.shape))
            continue
        found = [
            Problem(shown, key_line(entry, key), f"unknown key {key!r} {unknown}")
            for key in entry
            if key not in schema.keys
        ]
        try:
            result = parse(entry)
        except ContentError as exc:
            found.append(Problem(shown, exc.line, exc.message))
        if found:
            problems.extend(found)
        else:
            parsed.append((entry, result))
    return parsed, problems


def read_list_file(folder: str | Path, name: str, key: str, what: str) -> tuple[str, list, list]:
    """``(shown path, entries, problems)`` of a TA's YAML file in ``folder``: a top-level list,
    or a mapping whose only key is ``key``. An absent or empty file has no entries; stray
    top-level keys are reported and the entries under ``key`` still read."""
    path = Path(folder) / name
    shown = display_path(path, Path(folder))
    if not path.is_file():
        return shown, [], []
    try:
        doc = read_yaml(path, shown).data
    except ContentError as exc:
        return shown, [], [Problem(shown, exc.line, exc.message, whole_file=True)]
    if doc is None:
        return shown, [], []
    problems = []
    line = line_of(doc)
    if isinstance(doc, dict):
        key_lines = getattr(doc, "key_lines", {})
        problems = [
            Problem(shown, key_lines.get(k, line), f"unknown key {k!r} (expected {key!r})")
            for k in doc
            if k != key
        ]
        if key not in doc:
            return shown, [], problems
        line = key_lines.get(key, line)
        doc = doc[key]
    if not isinstance(doc, list):
        problems.append(Problem(shown, line, f"expected a list of {what}", whole_file=True))
        return shown, [], problems
    return shown, doc, problems
