"""What is still for the TAs to do about the questions the bot did not answer well: the stored
groups (:meth:`bot.store.Store.unanswered`) minus those the current content now answers, and
the FAQ entries a group already has. Shared by the terminal and Discord, so both list the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.search.answer import ANSWER, Answer
from bot.search.faq import FaqEntry
from bot.search.index import Entry
from bot.search.matcher import Matcher
from bot.search.text import words
from bot.store import Store, UnansweredGroup


@dataclass(frozen=True)
class OpenQuestions:
    """The groups a TA still has to look at, and how many were left out as answered now."""

    groups: list[UnansweredGroup]
    answered_now: int = 0


def open_questions(
    store: Store, matcher: Matcher, guild_id: int | None = None, limit: int = 20
) -> OpenQuestions:
    """The most frequent unanswered groups that ``matcher`` (the content as it is now) still
    does not answer, up to ``limit``. A group it answers is left out and counted, among those
    ranked before the last one listed: once a TA has added the missing answer, the question
    leaves the list instead of being drafted again."""
    groups: list[UnansweredGroup] = []
    hidden = 0
    # Asking costs well under a millisecond a question, but the store may hold thousands of
    # groups: stop once the list is full.
    for group in store.unanswered(guild_id, None):
        if len(groups) == limit:
            break
        if answered_now(group, matcher):
            hidden += 1
        else:
            groups.append(group)
    return OpenQuestions(groups, hidden)


def answered_now(group: UnansweredGroup, matcher: Matcher) -> bool:
    """True when the group's question gets a confident answer from ``matcher``, and not one
    students voted 👎 on: a 👎'd answer the bot still gives is exactly what a TA must fix."""
    answer = matcher.ask(group.question)
    return answer.outcome == ANSWER and _answer_place(answer) not in _rejected(group, matcher)


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


def _rejected(group: UnansweredGroup, matcher: Matcher) -> set[str]:
    """The places students voted 👎 on. A vote names the index entry shown; a FAQ entry that
    sends to a section is that section's text, so answering with the section is no better.
    A vote names a FAQ entry by its question: the entry stays voted down while the bot
    answers with it, even once a TA has rewritten its answer."""
    rejected = set(group.rejected_ids)
    for entry in matcher.index.entries:
        if entry.kind == "faq" and entry.key in rejected:
            rejected.add(_entry_place(entry))
    return rejected


def _entry_place(entry: Entry) -> str:
    """Where an entry's answer comes from, in the terms of :func:`_answer_place`."""
    if entry.section_id:
        return entry.section_id
    if entry.kind == "faq":
        return entry.key
    return entry.module_id


def _answer_place(answer: Answer) -> str:
    """Where an answer comes from: its section, a TA's own FAQ answer, or a module's
    introduction (the key a vote on it stores)."""
    if answer.section_id:
        return answer.section_id
    if answer.own_answer:
        return answer.faq_id or ""
    return answer.module_id or ""
