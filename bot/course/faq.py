"""TA-written content files for answering: ``faq.yaml`` and ``synonyms.yaml``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.course.loader import ContentError
from bot.course.model import Course, Problem
from bot.course.yamlfile import (
    EntrySchema,
    as_written,
    id_field,
    item_line,
    line_of,
    parse_entries,
    read_list_file,
    text_field,
    text_list,
)
from bot.text.normalise import words

FAQ_FILE = "faq.yaml"
SYNONYMS_FILE = "synonyms.yaml"


@dataclass(frozen=True)
class FaqEntry:
    """A TA's question: its phrasings and either a target section or an answer of its own."""

    question: str
    alternates: tuple[str, ...]
    section_id: str | None
    answer: str | None
    module_id: str | None
    path: str
    line: int


_FAQ_SCHEMA = EntrySchema(
    frozenset({"question", "alternates", "section", "answer", "module"}),
    "a FAQ entry",
    "each FAQ entry must be a mapping with 'question'",
)


def load_faq(folder: str | Path, course: Course) -> tuple[list[FaqEntry], list[Problem]]:
    """Entries of ``faq.yaml`` (absent file: none); a bad entry is reported and skipped, and so
    is one that repeats an earlier entry's question or alternate, as a duplicate module id
    is: the same words would lead to two answers."""
    shown, items, problems = read_list_file(folder, FAQ_FILE, "questions", "questions")
    parsed, bad = parse_entries(
        shown, items, _FAQ_SCHEMA, lambda item: _faq_entry(item, course, shown)
    )
    problems.extend(bad)
    entries = []
    # The matcher folds case, accents and punctuation, so "Dup" and "dup ?" are one question.
    asked: dict[tuple[str, ...], int] = {}
    for _, entry in parsed:
        phrasings = {tuple(words(p)): p for p in (entry.question, *entry.alternates)}
        phrasings.pop((), None)
        repeated = next((key for key in phrasings if key in asked), None)
        if repeated is not None:
            message = (
                f"duplicate question {phrasings[repeated]!r} "
                f"(already in the entry on line {asked[repeated]})"
            )
            problems.append(Problem(shown, entry.line, f"{message}; entry skipped"))
            continue
        asked.update(dict.fromkeys(phrasings, entry.line))
        entries.append(entry)
    return entries, problems


def _faq_entry(item: dict, course: Course, shown: str) -> FaqEntry:
    question = text_field(item, "question", required=True)
    section_id = id_field(item, "section")
    answer = text_field(item, "answer")
    module_id = id_field(item, "module")
    line = line_of(item)
    if bool(section_id) == bool(answer):
        raise ContentError(line, "a FAQ entry needs exactly one of 'section' or 'answer'")
    if section_id and course.section(section_id) is None and course.module(section_id) is None:
        raise ContentError(line, f"section {section_id!r} does not exist in the content")
    if module_id and course.module(module_id) is None:
        raise ContentError(line, f"module {module_id!r} does not exist in the content")
    return FaqEntry(
        question=question,
        alternates=tuple(text_list(item, "alternates")),
        section_id=section_id,
        answer=answer,
        module_id=module_id,
        path=shown,
        line=line,
    )


def load_synonyms(folder: str | Path) -> tuple[list[list[str]], list[Problem]]:
    """Groups of equivalent terms from ``synonyms.yaml``: a list of lists, or ``groups:``.

    A term already in an earlier group is reported and dropped from the later one: the matcher
    would otherwise join the two groups into one (conteneur = container = volume)."""
    shown, doc, problems = read_list_file(
        folder, SYNONYMS_FILE, "groups", "synonym groups (lists of terms)"
    )
    groups = []
    # Terms compared as the matcher compares them: folded words.
    owner: dict[tuple[str, ...], tuple[int, int]] = {}
    for index, group in enumerate(doc, 1):
        line = item_line(doc, index - 1)
        if not isinstance(group, list):
            problems.append(Problem(shown, line, f"group {index}: expected a list of terms"))
            continue
        if any(isinstance(t, bool) for t in group):
            problems.append(
                Problem(
                    shown,
                    line,
                    f"group {index}: a term was read as a boolean (yes/no/on/off): quote it",
                )
            )
            continue
        if any(isinstance(t, dict) for t in group):
            problems.append(Problem(
                shown, line, f"group {index}: a term containing ': ' was read as a key and a "
                "value: quote it"))
            continue
        terms = [as_written(t).strip() for t in group if isinstance(t, str | int | float)]
        terms = [t for t in terms if t]
        if len(terms) < 2:
            problems.append(Problem(shown, line, f"group {index}: needs at least two terms"))
            continue
        kept = []
        for term in terms:
            key = tuple(words(term))
            first, first_line = owner.setdefault(key, (index, line)) if key else (index, line)
            if first == index:
                kept.append(term)
            else:
                message = f"{term!r} is already in the group on line {first_line}"
                problems.append(Problem(shown, line, f"{message}; dropped from this one"))
        if len(kept) >= 2:
            groups.append(kept)
    return groups, problems
