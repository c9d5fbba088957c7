"""What is still for the TAs to do about the questions the bot did not answer well: the stored
groups (:meth:`bot.store.Store.unanswered`) minus those the current content now answers, and
the FAQ entries a group already has. Shared by the terminal and Discord, so both list the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.course.faq import FaqEntry
from bot.search.answer import ANSWER, target_of
from bot.search.matcher import Matcher
from bot.store import Store, UnansweredGroup
from bot.text.normalise import words


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
    for group in store.unanswered(guild_id, None, since):
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
