"""Finding key terms in summary sentences, blanking them out of a text, and telling when two
answers name the same thing.

Matching ignores case and accents but the text shown keeps both, so every match works on a
folded copy with a map back to the original characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from bot.quiz.grading import CLI_TOOLS, answer_forms, is_command, near_duplicate, same_answer
from bot.text.lexicon import STOP_WORDS
from bot.text.normalise import fold, stem_fr, words

# What stands for a hidden term in every prompt: an ellipsis read as punctuation ("de l'…,").
BLANK = "____"
# Term kinds: a distractor is taken from the answer's kind first.
COMMAND, FLAG, NUMBER, CODE, TERM = "command", "flag", "number", "code", "term"

# Tools whose first word is a group: "docker network create" is one command.
_GROUPS = frozenset(
    {
        "network",
        "volume",
        "image",
        "container",
        "system",
        "compose",
        "builder",
        "context",
        "swarm",
        "service",
        "stack",
        "node",
        "secret",
        "config",
        "remote",
        "stash",
        "submodule",
    }
)
_TOOL = "|".join(sorted((re.escape(tool) for tool in CLI_TOOLS), key=len, reverse=True))
_COMMAND = re.compile(
    rf"(?<![\w./-])(?P<tool>{_TOOL})(?P<rest>(?:\s+[a-z][a-z-]*){{0,2}})"
    r"(?P<flags>(?:\s+-[a-zA-Z]{1,3}\b)*)(?P<long>\s+--[a-z][a-z-]+\b)?"
)
_FLAG = re.compile(r"(?<![\w-])--?[a-zA-Z][\w-]*")
_NUMBER = re.compile(r"(?<![\w.:-])\d{2,5}(?::\d{2,5})?(?![\w:]|\.\d)")
# Upper-case words (FROM, CI/CD); "[CONTENEUR]" is a placeholder, not a keyword.
_CODE = re.compile(r"(?<![\w/\[])[A-Z][A-Z0-9]+(?:/[A-Z][A-Z0-9]+)*(?![\w/\]])")
# "Machines Virtuelles (VM)": a capitalised name and its acronym.
_NAMED_ACRONYM = re.compile(r"(?<!\w)(?:[A-ZÀ-Ý][\w'-]*\s+){0,3}[A-ZÀ-Ý][\w'-]*\s+\([A-Z]{2,6}\)")


@dataclass(frozen=True)
class Found:
    """A key term found in a sentence: its text as written, kind and position."""

    text: str
    kind: str
    start: int


def term_kind(term: str) -> str:
    """The kind of a term: a command, a flag, a number, a code word (FROM, HEAD) or a term."""
    stripped = term.strip()
    first = stripped.split(" ", 1)[0]
    if first in CLI_TOOLS:
        return COMMAND
    if stripped.startswith("-"):
        return FLAG
    if re.fullmatch(r"[\d:.]+", stripped):
        return NUMBER
    if _CODE.fullmatch(stripped):
        return CODE
    return TERM


def _is_name(text: str, start: int, written: str) -> bool:
    before = text[:start].rstrip()
    return written[:1].isupper() and bool(before) and before[-1] not in ".!?:;"


def _commands(text: str) -> list[Found]:
    found = []
    for match in _COMMAND.finditer(text):
        words = match.group("rest").split()
        # Prose after a tool name is not a sub-command: "docker pour..." stops at the tool.
        kept: list[str] = []
        for word in words:
            if word in STOP_WORDS or (kept and kept[0] not in _GROUPS):
                break
            kept.append(word)
        flags = match.group("flags").split() if len(kept) == len(words) else []
        if not kept and match.group("long"):
            flags.append(match.group("long").strip())  # "git --version"; a long flag after a
            # sub-command takes a value we cannot delimit, so it stays out of the answer
        if not kept and not flags:
            continue
        found.append(Found(" ".join([match.group("tool"), *kept, *flags]), COMMAND, match.start()))
    return found


def _spans_overlap(found: Found, taken: list[Found]) -> bool:
    end = found.start + len(found.text)
    return any(found.start < t.start + len(t.text) and t.start < end for t in taken)


def key_terms(text: str, known_terms: list[str] | tuple[str, ...] = ()) -> list[Found]:
    """Key terms of a sentence, most telling first: commands, flags, known course terms,
    named acronyms, code words, then numbers. Overlapping finds keep the earlier kind."""
    found: list[Found] = []
    candidates = _commands(text)
    candidates += [Found(m.group(), FLAG, m.start()) for m in _FLAG.finditer(text)]
    for term in sorted(known_terms, key=len, reverse=True):
        kind = term_kind(term)
        for start, end in find_spans(text, term):
            written = text[start:end]
            # A one-word term counts where it is a name ("un serveur Nginx"), not where it is a
            # common word ("en termes d'utilisation") or merely starts the sentence.
            if kind == TERM and " " not in term and not _is_name(text, start, written):
                continue
            if kind == CODE and not written.isupper():
                continue  # "Expose le port" uses the verb, not the EXPOSE instruction
            candidates.append(Found(written, kind, start))
    candidates += [Found(m.group(), TERM, m.start()) for m in _NAMED_ACRONYM.finditer(text)]
    candidates += [Found(m.group(), CODE, m.start()) for m in _CODE.finditer(text)]
    candidates += [Found(m.group(), NUMBER, m.start()) for m in _NUMBER.finditer(text)]
    for candidate in candidates:
        if not _spans_overlap(candidate, found):
            found.append(candidate)
    return found


@lru_cache(maxsize=4096)
def _folded_with_map(text: str) -> tuple[str, tuple[int, ...]]:
    """Case- and accent-folded ``text`` and, for each folded character, its original index
    (cached: a prompt is searched for every candidate option)."""
    chars: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char.casefold()):
            if not unicodedata.combining(part):
                chars.append(part)
                index.append(i)
    return "".join(chars), tuple(index)


@lru_cache(maxsize=8192)
def _term_pattern(term: str) -> re.Pattern[str] | None:
    folded, _ = _folded_with_map(term)
    parts = []
    for word in folded.split():
        if word.isalpha() and len(word) >= 3:
            # Plural-blind: "volume" finds "volumes", "réseaux" finds "réseau", "vue" "vues".
            parts.append(re.escape(word.rstrip("sx")) + r"(?:s|x|es)?")
        else:
            parts.append(re.escape(word))
    if not parts:
        return None
    return re.compile(r"(?<![\w-])" + r"[\s-]+".join(parts) + r"(?![\w-])")


def find_spans(text: str, term: str) -> list[tuple[int, int]]:
    """Where ``term`` occurs in ``text`` (case, accent and plural blind), as original spans."""
    pattern = _term_pattern(term)
    if pattern is None:
        return []
    folded, index = _folded_with_map(text)
    return [(index[m.start()], index[m.end() - 1] + 1) for m in pattern.finditer(folded)]


def mask(text: str, terms: list[str] | tuple[str, ...], blank: str = BLANK) -> str:
    """``text`` with every occurrence of each of ``terms`` replaced by ``blank``."""
    for term in sorted(terms, key=len, reverse=True):
        for start, end in reversed(find_spans(text, term)):
            text = text[:start] + blank + text[end:]
    return text


KIN_STEM_CHARS = 4  # a shorter stem ("vu" of "vue", also of "voir") says nothing of kinship


def kin_words(text: str, term: str) -> list[str]:
    """The words of ``text`` from the same root as a word of ``term`` but written otherwise
    ("normalise" for "Normalisation", "sauvegarder" for "Sauvegarde"): a definition saying one
    names its own term. Only for one-word concept terms: a command's or a code word's words
    are its own, and a word shared with a longer term ("docker" of "Image Docker") may be the
    course's subject, said by every definition. The term itself and its plural are not kin:
    :func:`contains` finds them."""
    kept = [w for w in words(term) if w not in STOP_WORDS]
    if term_kind(term) != TERM or len(kept) != 1:
        return []
    root = stem_fr(kept[0])
    if len(root) < KIN_STEM_CHARS:
        return []
    found = []
    for raw in re.findall(r"[^\W\d_]+", text):
        word = fold(raw)
        if (word not in STOP_WORDS and stem_fr(word) == root and raw not in found
                and not contains(raw, term)):
            found.append(raw)
    return found


def contains(text: str, term: str) -> bool:
    """True when ``term`` occurs in ``text`` as a whole word or phrase (folded)."""
    return bool(find_spans(text, term))


Synonyms = tuple[tuple[str, ...], ...]  # a course's synonym groups (its synonyms.yaml)


def synonym_variants(answer: str, groups: Synonyms | list[list[str]]) -> list[str]:
    """``answer`` with each run of words that is a term of a synonym group replaced by the
    group's other terms ("container docker" for "Conteneur Docker"), folded as the grader
    compares them. None for a command or an option: "compose up" is no command, whatever the
    course calls docker-compose."""
    if is_command(answer):
        return []
    others = _synonym_map(tuple(tuple(group) for group in groups))
    ws = words(answer)
    out = []
    for i in range(len(ws)):
        for n in range(1, min(4, len(ws) - i) + 1):
            for other in others.get(" ".join(ws[i : i + n]), ()):
                out.append(" ".join([*ws[:i], *words(other), *ws[i + n :]]))
    return out


@lru_cache(maxsize=8)
def _synonym_map(groups: Synonyms) -> dict[str, tuple[str, ...]]:
    """Each term of the groups, folded, with its group's other terms (built once per course,
    not once per quiz item)."""
    return {
        answer_key(term): tuple(t for t in group if answer_key(t) != answer_key(term))
        for group in groups
        for term in group
    }


def answer_key(text: str) -> str:
    """An answer compared the way the matcher compares words: case, accents, punctuation."""
    return " ".join(words(text))


@lru_cache(maxsize=16384)
def _names(text: str, groups: Synonyms) -> frozenset[str]:
    """Every way ``text`` is written: itself, its short forms ("VM" for "Machines Virtuelles
    (VM)") and their synonym variants, folded (cached: distractors are checked many times)."""
    forms = answer_forms(text)
    return frozenset(
        answer_key(name)
        for form in forms
        for name in (form, *synonym_variants(form, groups))
        if answer_key(name)
    )


def share_a_name(a: str, b: str, groups: Synonyms = ()) -> bool:
    """True when ``a`` and ``b`` share a short form ("Machines Virtuelles (VM)" and "Virtual
    Machine (VM)"), or a synonym group of the course turns one into the other ("Conteneur
    Docker", "container Docker")."""
    return bool(_names(a, groups) & _names(b, groups))


def same_thing(a: str, b: str, groups: Synonyms = ()) -> bool:
    """True when ``a`` and ``b`` name one thing: either would be graded as the other, or they
    share a name (:func:`share_a_name`)."""
    return share_a_name(a, b, groups) or same_answer(a, b)


def same_topic(a: str, b: str, groups: Synonyms = ()) -> bool:
    """True when one quiz must not ask for both ``a`` and ``b``: the reveal of one would give
    the other away. The same thing, or a command and another holding it ("docker-compose up"
    and "docker-compose up -d", "-d"), whose every word must be typed anyway."""
    if not a or not b:
        return False
    if {term_kind(a), term_kind(b)} & {COMMAND, FLAG} and near_duplicate(a, b):
        return True
    return same_thing(a, b, groups)
