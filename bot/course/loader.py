"""Load a content folder: every Markdown module, with one problem line per bad file."""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass, field
from pathlib import Path

from bot.course.markdown import (
    ContentError,
    module_number,
    parse_module,
    slugify,
    split_number,
)
from bot.course.model import Course, Module, Problem, errors_in, natural_key

MAX_FILE_BYTES = 2_000_000
# Folder descriptions, not lessons: a README beside the modules is not a module.
SKIPPED_NAMES = {"readme.md", "license.md", "changelog.md", "contributing.md"}


@dataclass
class LoadResult:
    """The course built from a folder and every problem met on the way."""

    course: Course
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return errors_in(self.problems)



_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _wide_encoding(data: bytes) -> str | None:
    """"UTF-16" or "UTF-32" when ``data`` looks like text saved so (Windows' "Unicode"), whose
    NUL bytes would otherwise make it look binary."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            return name
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    # Without a BOM: Latin text has a NUL in every other byte, on one side only.
    halves = ((sample[1::2], sample[0::2], "utf-16-le"), (sample[0::2], sample[1::2], "utf-16-be"))
    for nuls, others, codec in halves:
        if nuls.count(0) * 2 > len(nuls) and others.count(0) * 10 < len(others):
            try:
                data.decode(codec)
            except UnicodeDecodeError:
                return None
            return "UTF-16"
    return None


def decode(data: bytes, path: str) -> str:
    """Bytes to text: UTF-8 (BOM allowed), CRLF folded; binary, UTF-16 or UTF-32 and bad UTF-8
    raise ContentError."""
    wide = _wide_encoding(data)
    if wide:
        raise ContentError(1, f"{wide} text: save the file as UTF-8")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ContentError(line, "binary file (NUL byte): not a text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentError(
            line,
            f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at column {column}): "
            "save the file as UTF-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def module_files(folder: Path) -> list[Path]:
    """Markdown files under ``folder``, recursively, in a stable order; hidden entries skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            lower = name.lower()
            if lower.endswith(".md") and not name.startswith(".") and lower not in SKIPPED_NAMES:
                found.append(Path(root) / name)
    return found


def display_path(path: Path, base: Path | None = None) -> str:
    """Path as shown in messages and answer sources: relative to the working directory when
    inside it, else from the content folder's own name, so that a student never sees where
    the server keeps its files."""
    try:
        relative = os.path.relpath(path)
        if not relative.startswith(".."):
            return relative
        if base is not None:
            inner = os.path.relpath(path, base)
            if not inner.startswith(".."):
                return os.path.join(Path(base).resolve().name, inner)
    except ValueError:  # another drive on Windows
        pass
    return str(path)


def load_module_file(
    path: Path, shown: str, module_id: str | None = None
) -> tuple[Module, list[Problem]]:
    """Read and parse one file; raise ContentError with its line on failure."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ContentError(1, f"file too large ({size} bytes, limit {MAX_FILE_BYTES})")
    text = decode(path.read_bytes(), shown)
    return parse_module(text, shown, path.stem, module_id)


@dataclass
class _Loaded:
    path: Path
    shown: str
    module: Module

    @property
    def titled(self) -> bool:
        """Whether the id is the number in the title heading, which the TA chose: two files
        claiming one is a mistake, where two file names alike ("01-intro.md") are not."""
        number = split_number(self.module.heading)[0]
        return bool(number) and module_number(number) == self.module.id


def _folder_ids(group: list[_Loaded], base: Path, taken: set[str]) -> list[str]:
    """Ids for files whose names give them one id: the id prefixed with the nearest folders
    that tell them apart (``glossaire-01``, ``antiseches-01``)."""
    folders = [
        [slugify(part) for part in item.path.relative_to(base).parent.parts] for item in group
    ]
    for depth in range(1, max(len(f) for f in folders) + 1):
        ids = [
            "-".join([*f[-depth:], item.module.id])
            for f, item in zip(folders, group, strict=True)
        ]
        if len(set(ids)) == len(ids) and not taken.intersection(ids):
            return ids
    ids = []
    for item in group:  # same folders all the way up: number them
        base_id, n = item.module.id, 2
        while f"{base_id}-{n}" in taken or f"{base_id}-{n}" in ids:
            n += 1
        ids.append(f"{base_id}-{n}")
    return ids


def _unique_ids(loaded: list[_Loaded], base: Path, problems: list[Problem]) -> list[_Loaded]:
    """Every module with an id of its own. A title number claimed twice is reported and the
    later file skipped; ids that came from file names are told apart by their folders (a
    course is a tree: 40 ``exemples/COMPILER.md`` are 40 lessons)."""
    kept: dict[str, _Loaded] = {}
    for item in loaded:
        if not item.titled:
            continue
        first = kept.get(item.module.id)
        if first is None:
            kept[item.module.id] = item
            continue
        problems.append(
            Problem(
                item.shown,
                item.module.line,
                f"duplicate module id {item.module.id!r} (already defined in "
                f"{first.module.path}:{first.module.line}); file skipped",
            )
        )
    named: dict[str, list[_Loaded]] = {}
    for item in loaded:
        if not item.titled:
            named.setdefault(item.module.id, []).append(item)
    taken = set(kept) | set(named)
    result = list(kept.values())
    for module_id, group in named.items():
        if len(group) == 1 and module_id not in kept:
            result.extend(group)
            continue
        if module_id not in kept:
            taken.discard(module_id)
        for item, new_id in zip(group, _folder_ids(group, base, taken), strict=True):
            taken.add(new_id)
            module, _ = load_module_file(item.path, item.shown, new_id)
            result.append(_Loaded(item.path, item.shown, module))
    return result


def load_course(folder: str | os.PathLike) -> LoadResult:
    """Load every module under ``folder``; a bad file is reported and the others still load.
    Tables of contents are left out, with one note naming them."""
    base = Path(folder)
    problems: list[Problem] = []
    if not base.is_dir():
        problems.append(Problem(str(base), 0, "content folder not found"))
        return LoadResult(Course.of([]), problems)
    loaded: list[_Loaded] = []
    contents: list[str] = []
    files = module_files(base)
    # Natural order of file names, so "3.2" is kept before "3.10" when two files claim one id.
    files.sort(key=lambda p: natural_key(p.stem))
    for path in files:
        shown = display_path(path, base)
        try:
            module, found = load_module_file(path, shown)
        except ContentError as exc:
            problems.append(Problem(shown, exc.line, exc.message))
            continue
        except OSError as exc:
            problems.append(Problem(shown, 0, f"cannot read file: {exc.strerror or exc}"))
            continue
        problems.extend(found)
        if module.contents:
            contents.append(shown)
            continue
        loaded.append(_Loaded(path, shown, module))
    if contents:
        shown_pages = ", ".join(contents[:3]) + (", …" if len(contents) > 3 else "")
        pages = "1 page" if len(contents) == 1 else f"{len(contents)} pages"
        problems.append(Problem(display_path(base), 0, (
            f"{pages} read as a table of contents or a chapter overview (mostly links to "
            f"other pages), kept out of answers and quizzes: {shown_pages}"), "note"))
    if not files:
        problems.append(Problem(str(base), 0, "no Markdown module (*.md) in the content folder"))
    modules = [item.module for item in _unique_ids(loaded, base, problems)]
    return LoadResult(Course.of(modules), problems)
