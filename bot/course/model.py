"""The immutable course model: what a folder of Markdown modules becomes once parsed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One content problem, reported as ``path:line: message``."""

    path: str
    line: int
    message: str
    # "error" skips the file or entry; "warning" keeps it; "note" only informs (a hint)
    severity: str = "error"
    whole_file: bool = False  # the file could not be read at all: every entry of it is lost

    def __str__(self) -> str:
        # Line 0 stands for the file or folder as a whole.
        if self.line <= 0:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


def errors_in(problems: list[Problem]) -> list[Problem]:
    """The problems that stop something (warnings only inform)."""
    return [p for p in problems if p.severity == "error"]


@dataclass(frozen=True)
class SummaryItem:
    """One bullet of a module's summary; ``term``/``definition`` are set for ``**Term** : def``."""

    text: str
    line: int
    term: str | None = None
    definition: str | None = None
    parent: str | None = None  # term of the enclosing bullet, for nested bullets

    @property
    def is_pair(self) -> bool:
        return bool(self.term and self.definition)


@dataclass(frozen=True)
class Section:
    """A heading and the text under it, up to the next heading; children are deeper headings."""

    id: str
    module_id: str
    title: str  # readable title, numbering and trailing colon removed
    heading: str  # the heading's text as written in the file (without the leading #s)
    number: str | None  # "3.1.2" when the heading is numbered
    level: int
    text: str
    path: str
    line: int
    parent_id: str | None = None
    children: tuple[Section, ...] = ()

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Module:
    """One Markdown file: a lesson with its metadata, section tree and summary."""

    id: str
    title: str
    heading: str
    path: str
    line: int
    intro: str = ""
    prerequisites: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    summary: tuple[SummaryItem, ...] = ()
    summary_section_id: str | None = None
    # A table of contents or chapter overview: mostly links to other pages, kept out of
    # answers and quizzes.
    contents: bool = False

    @property
    def display_title(self) -> str:
        return f"{self.id} {self.title}"

    def walk(self) -> Iterator[Section]:
        """Every section of the module, depth first, in file order."""
        for section in self.sections:
            yield from section.walk()

    @property
    def pairs(self) -> tuple[SummaryItem, ...]:
        return tuple(item for item in self.summary if item.is_pair)


_NUM_PART = re.compile(r"(\d+)|(\D+)")


def natural_key(module_id: str) -> tuple:
    """Sort key that orders ``3.2`` before ``3.10`` and numbers before words."""
    parts = []
    for num, word in _NUM_PART.findall(module_id):
        parts.append((0, int(num), "") if num else (1, 0, word))
    return (0 if module_id[:1].isdigit() else 1, tuple(parts))


@dataclass(frozen=True)
class Course:
    """All modules of a content folder, naturally ordered, with lookups by id."""

    modules: tuple[Module, ...] = ()
    _modules_by_id: dict[str, Module] = field(default_factory=dict, repr=False, compare=False)
    _sections_by_id: dict[str, Section] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, modules: list[Module] | tuple[Module, ...]) -> Course:
        ordered = tuple(sorted(modules, key=lambda m: natural_key(m.id)))
        sections = {s.id: s for m in ordered for s in m.walk()}
        return cls(ordered, {m.id: m for m in ordered}, sections)

    def module(self, module_id: str) -> Module | None:
        return self._modules_by_id.get(module_id)

    def section(self, section_id: str) -> Section | None:
        return self._sections_by_id.get(section_id)

    def sections(self) -> Iterator[Section]:
        for module in self.modules:
            yield from module.walk()
