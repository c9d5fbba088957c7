"""YAML reading for content files: line numbers kept, and YAML's traps reported clearly."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.course.loader import ContentError, decode, display_path
from bot.course.model import Problem


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping and sequence item."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


class LineList(list):
    """A YAML sequence that remembers the line it started on."""

    line: int = 1


def _sequence_with_line(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    sequence = LineList(loader.construct_sequence(node, deep=True))
    sequence.line = node.start_mark.line + 1
    return sequence


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence_with_line)


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
        raise ContentError(line, f"invalid YAML: {problem}") from None
    return Located(data, shown)


def line_of(item: Any, default: int = 1) -> int:
    """The line a mapping or sequence started on in its YAML file."""
    if isinstance(item, dict):
        return item.get("__line__", default)
    return getattr(item, "line", default)


def text_field(item: dict, key: str, *, required: bool = False) -> str | None:
    """A text value; YAML booleans (yes/no/on/off) and numbers are named, not silently used."""
    if key not in item or item[key] is None:
        if required:
            raise ContentError(line_of(item), f"missing key {key!r}")
        return None
    value = item[key]
    if isinstance(value, bool):
        raise ContentError(
            line_of(item),
            f"{key!r} was read as the boolean {str(value).lower()} (YAML reads yes/no/on/off "
            "as booleans): put the text in quotes",
        )
    if isinstance(value, int | float):
        return str(value)
    if not isinstance(value, str):
        raise ContentError(line_of(item), f"{key!r} must be text, not {type(value).__name__}")
    if required and not value.strip():
        raise ContentError(line_of(item), f"{key!r} is empty")
    return value.strip()


def text_list(item: dict, key: str) -> list[str]:
    """A list of texts (a single text is accepted as a one-item list)."""
    value = item.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise ContentError(line_of(item), f"{key!r} must be a list of texts")
    out = []
    for element in value:
        if isinstance(element, bool):
            raise ContentError(
                line_of(item),
                f"an item of {key!r} was read as a boolean (yes/no/on/off): put it in quotes",
            )
        if not isinstance(element, str | int | float):
            raise ContentError(line_of(item), f"items of {key!r} must be texts")
        out.append(str(element).strip())
    return [x for x in out if x]


def check_keys(item: dict, allowed: set[str], what: str) -> None:
    unknown = sorted(k for k in item if k != "__line__" and k not in allowed)
    if unknown:
        raise ContentError(
            line_of(item),
            f"unknown key {unknown[0]!r} in {what} (allowed: {', '.join(sorted(allowed))})",
        )


def read_list_file(folder: str | Path, name: str, key: str, what: str) -> tuple[str, list, list]:
    """``(shown path, entries, problems)`` of a TA's YAML file in ``folder``: a top-level list,
    or a mapping whose only key is ``key``. An absent or empty file has no entries."""
    path = Path(folder) / name
    shown = display_path(path, Path(folder))
    if not path.is_file():
        return shown, [], []
    try:
        doc = read_yaml(path, shown).data
    except ContentError as exc:
        return shown, [], [Problem(shown, exc.line, exc.message)]
    if doc is None:
        return shown, [], []
    if isinstance(doc, dict):
        unknown = [k for k in doc if k not in (key, "__line__")]
        if unknown:
            message = f"unknown key {unknown[0]!r} (expected {key!r})"
            return shown, [], [Problem(shown, line_of(doc), message)]
        doc = doc.get(key)
    if not isinstance(doc, list):
        return shown, [], [Problem(shown, line_of(doc), f"expected a list of {what}")]
    return shown, doc, []
