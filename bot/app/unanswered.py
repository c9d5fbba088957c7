"""What is still for the TAs to do about the questions the bot did not answer well: the stored
questions grouped by similarity, minus those the current content now answers, and the FAQ
entries a group already has. Shared by the terminal and Discord, so both list the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process

from bot.course.faq import FaqEntry
from bot.search.answer import ANSWER, target_of
from bot.search.matcher import Matcher
from bot.search.query import WEAK_CONCEPTS
from bot.store import Store
from bot.text.normalise import Normalizer, words

SIMILAR = 85  # rapidfuzz token_sort_ratio above which two questions are one


@dataclass(frozen=True)
class UnansweredGroup:
    """Similar questions the bot did not answer well, with how often each way it failed."""

    question: str  # the most frequent phrasing (the latest one on ties)
    count: int
    abstained: int
    suggested: int
    unhelpful: int  # 👎 on an answer
    last_at: float
    # Every distinct phrasing, the most frequent first (the first is ``question``): a FAQ
    # draft keeps them all as alternates, a listing shows the first few.
    examples: tuple[str, ...]
    section_ids: tuple[str, ...]  # sections the bot pointed to, when it did
    rejected_ids: tuple[str, ...] = ()  # sections of theirs that got a 👎
    # Sections a student 👍'd for one of these phrasings, often a suggestion they picked:
    # the likeliest answer, though the bot did not give it first.
    confirmed_ids: tuple[str, ...] = ()

    @property
    def leads(self) -> tuple[str, ...]:
        """The sections worth a TA's look, those students 👍'd first, then those the bot
        pointed to; none that a student voted 👎 on."""
        ids = dict.fromkeys((*self.confirmed_ids, *self.section_ids))
        return tuple(s for s in ids if s not in self.rejected_ids)


@dataclass(frozen=True)
class OpenQuestions:
    """The groups a TA still has to look at, and how many were left out as answered now."""

    groups: list[UnansweredGroup]
    answered_now: int = 0


def open_questions(
    store: Store,
    matcher: Matcher,
    guild_id: int | None = None,
    limit: int = 20,
    since: float | None = None,
) -> OpenQuestions:
    """The most frequent unanswered groups that ``matcher`` (the content as it is now) still
    does not answer, up to ``limit`` (asked at or after ``since`` when given). A group it
    answers is left out and counted, among those ranked before the last one listed: once a TA
    has added the missing answer, the question leaves the list instead of being drafted
    again."""
    groups: list[UnansweredGroup] = []
    hidden = 0
    sends = faq_sections(matcher)
    # Asking costs well under a millisecond a question, but the store may hold thousands of
    # groups: stop once the list is full.
    for group in unanswered_groups(store, guild_id, None, since):
        if len(groups) == limit:
            break
        if answered_now(group, matcher, sends):
            hidden += 1
        else:
            groups.append(group)
    return OpenQuestions(groups, hidden)


def answered_now(group: UnansweredGroup, matcher: Matcher, sends: dict[str, str]) -> bool:
    """True when the group's question gets a confident answer from ``matcher``, and not one
    students voted 👎 on: a 👎'd answer the bot still gives is exactly what a TA must fix.
    ``sends`` maps FAQ entries to the sections they answer with (:func:`faq_sections`): a
    FAQ entry that sends to a section is that section's text, so a 👎 on one is on both."""
    answer = matcher.ask(group.question)
    if answer.outcome != ANSWER:
        return False
    rejected = {*group.rejected_ids, *(sends[r] for r in group.rejected_ids if r in sends)}
    return target_of(answer) not in rejected


def faq_sections(matcher: Matcher) -> dict[str, str]:
    """The section each FAQ entry of ``matcher``'s index answers with, by the entry's id."""
    return {e.key: e.section_id for e in matcher.index.entries
            if e.kind == "faq" and e.section_id}


def faq_entry_asking(question: str, faq: Sequence[FaqEntry]) -> FaqEntry | None:
    """The ``faq.yaml`` entry that already has ``question`` as its question or an alternate,
    compared as ``check`` compares them for duplicates (case, accents and punctuation folded)."""
    key = tuple(words(question))
    if not key:
        return None
    return next((e for e in faq if key in faq_phrasings(e)), None)


def faq_phrasings(entry: FaqEntry) -> set[tuple[str, ...]]:
    """An entry's question and alternates as ``check`` compares them."""
    return {tuple(words(p)) for p in (entry.question, *entry.alternates)} - {()}


def unanswered_groups(
    store: Store, guild_id: int | None = None, limit: int | None = 20, since: float | None = None
) -> list[UnansweredGroup]:
    """The most frequent questions the bot abstained on, only suggested for, or got a 👎
    on, grouped by similarity (all guilds when ``guild_id`` is None; every group when
    ``limit`` is None; only those asked at or after ``since`` when given). A user counts once
    per question: asking it again, or picking a suggestion and giving it a 👎, is still one
    student's one question, counted as its latest outcome."""
    return group_questions(store.unanswered_rows(guild_id, since))[:limit]


@cache
def _normalizer() -> Normalizer:
    return Normalizer()


def _question_key(question: str) -> str:
    """What a question is about, without its wording: "c'est quoi un pod" = "qu'est-ce qu'un
    pod" = "comment faire un pod". Asking how, why or a comparison is left out: for a TA they
    are one missing topic."""
    concepts = [c for c in _normalizer().concepts(question) if c not in WEAK_CONCEPTS]
    return " ".join(concepts) if concepts else " ".join(words(question))


def _sorted_words(key: str) -> str:
    """``key`` with its words in order: ``fuzz.ratio`` of two such is their
    ``token_sort_ratio``, without sorting the group keys again at every comparison."""
    return " ".join(sorted(key.split()))


def _similar(key: str, keys: list[str]) -> int | None:
    """The index of the group key ``key`` resembles most, if any resembles it enough (both
    with their words sorted: :func:`_sorted_words`)."""
    match = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=SIMILAR)
    return None if match is None else match[2]


def group_questions(rows: list[dict[str, Any]]) -> list[UnansweredGroup]:
    """Greedy grouping, most recent first: a question joins the first group it resembles. Only
    a user's latest row for a question is counted; the others still add their phrasings and
    sections. A 👍 counts nothing and makes no group: it only names the section that helped
    in the group of its question, if there is one."""
    keys: list[str] = []  # each group's key, its words sorted (:func:`_sorted_words`)
    members: list[list[dict[str, Any]]] = []
    counted: list[list[str]] = []  # the kind of each counted row, per group
    latest: set[tuple[str, str]] = set()
    helped = [row for row in rows if row["kind"] == "helpful" and row["section_id"]]
    # Both shortcuts give what the fuzzy search would, at a fraction of its cost over thousands
    # of rows: a phrasing asked again has the same key, and a key equal to a group's key scores
    # 100 with it, which no other group's key can (it would have joined that group).
    key_of: dict[str, tuple[str, str]] = {}  # a question's key, and that key's words sorted
    exact: dict[str, int] = {}

    def group_of(question: str) -> tuple[str, str, int | None]:
        """The question's key, its words sorted, and the group it joins if any."""
        if question not in key_of:
            key = _question_key(question)
            key_of[question] = (key, _sorted_words(key))
        key, sorted_key = key_of[question]
        match = exact.get(sorted_key)
        return key, sorted_key, _similar(sorted_key, keys) if match is None else match

    for row in rows:
        if row["kind"] == "helpful":
            continue
        key, sorted_key, match = group_of(row["question"])
        if match is None:
            exact[sorted_key] = len(keys)
            keys.append(sorted_key)
            members.append([])
            counted.append([])
        index = len(keys) - 1 if match is None else match
        members[index].append(row)
        if (row["user_id"], key) not in latest:
            latest.add((row["user_id"], key))
            counted[index].append(row["kind"])
    confirmed: list[list[str]] = [[] for _ in keys]
    for row in helped:
        match = group_of(row["question"])[2]
        if match is not None:
            confirmed[match].append(row["section_id"])
    groups = []
    for group, kinds, good in zip(members, counted, confirmed, strict=True):
        phrasings: dict[str, int] = {}
        for row in group:  # most recent first, so a tie keeps the latest phrasing
            phrasings[row["question"]] = phrasings.get(row["question"], 0) + 1
        ranked = sorted(phrasings, key=lambda q: -phrasings[q])
        groups.append(
            UnansweredGroup(
                question=ranked[0],
                count=len(kinds),
                abstained=kinds.count("abstain"),
                suggested=kinds.count("suggest"),
                unhelpful=kinds.count("unhelpful"),
                last_at=max(row["at"] for row in group),
                examples=tuple(ranked),
                section_ids=tuple(dict.fromkeys(r["section_id"] for r in group if r["section_id"])),
                rejected_ids=tuple(
                    dict.fromkeys(
                        r["section_id"]
                        for r in group
                        if r["section_id"] and r["kind"] == "unhelpful"
                    )
                ),
                confirmed_ids=tuple(dict.fromkeys(good)),
            )
        )
    groups.sort(key=lambda g: (-g.count, -g.last_at))
    return groups
