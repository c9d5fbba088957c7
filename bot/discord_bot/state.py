"""The course as the Discord front end serves it: one Engine plus what buttons need to find.

A ``CourseState`` is built from one Engine and never changes; ``/reload`` builds a new one and
swaps it whole, so a button clicked during a reload sees either the old course or the new one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import AnswerSettings
from bot.course.model import Course, Module
from bot.engine import Engine, load_engine
from bot.search.answer import ANSWER, Answer
from bot.search.faq import FaqEntry, load_faq, load_synonyms
from bot.search.index import Entry
from bot.search.matcher import Matcher, Thresholds
from bot.textcut import cut, first_sentences

# A button's custom_id holds at most 100 characters; longer targets travel as a short digest.
MAX_TARGET_CHARS = 80
SHORT_CHARS = 300
TEXT_CHARS = 900


def thresholds_from(answer: AnswerSettings) -> Thresholds:
    """Matcher thresholds from the settings; 0 keeps the matcher's calibrated default."""
    default = Thresholds()
    return Thresholds(
        answer=answer.answer_score or default.answer,
        suggest=answer.suggest_score or default.suggest,
        margin=answer.margin or default.margin,
    )


def _digest(key: str) -> str:
    return "#" + hashlib.blake2s(key.encode("utf-8"), digest_size=8).hexdigest()


def target_of(answer: Answer) -> str | None:
    """The index key of what an answer points at: section id, module id or ``faq:path:line``."""
    if answer.section_id:
        return answer.section_id
    if answer.own_answer:
        return f"faq:{answer.source}"
    return answer.module_id


@dataclass
class CourseState:
    """An Engine with lookups by target and matchers restricted to one module."""

    engine: Engine
    synonyms: list[list[str]] = field(default_factory=list)
    faq: list[FaqEntry] = field(default_factory=list)
    entries: dict[str, Entry] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    _scoped: dict[str, Matcher] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, engine: Engine) -> CourseState:
        """Wrap ``engine``; reads the same folder's synonyms and FAQ for module-scoped questions."""
        synonyms, _ = load_synonyms(engine.content_dir)
        faq, _ = load_faq(engine.content_dir, engine.course)
        entries: dict[str, Entry] = {}
        for entry in engine.matcher.index.entries:
            entries.setdefault(entry.key, entry)
        digests = {_digest(key): key for key in entries if len(key) > MAX_TARGET_CHARS}
        return cls(engine, synonyms, faq, entries, digests)

    @property
    def course(self) -> Course:
        """The loaded course."""
        return self.engine.course

    def ask(self, question: str, module_id: str | None = None) -> Answer:
        """The matcher's answer, searching only ``module_id`` when given (it must exist)."""
        if module_id is None:
            return self.engine.matcher.ask(question)
        return self._matcher_for(module_id).ask(question)

    def _matcher_for(self, module_id: str) -> Matcher:
        matcher = self._scoped.get(module_id)
        if matcher is None:
            module = self.course.module(module_id)
            if module is None:
                raise KeyError(module_id)
            faq = [f for f in self.faq if self._faq_module(f) == module_id]
            matcher = Matcher(
                Course.of([module]), self.synonyms, faq, self.engine.matcher.thresholds
            )
            self._scoped[module_id] = matcher
        return matcher

    def _faq_module(self, item: FaqEntry) -> str | None:
        if item.section_id:
            section = self.course.section(item.section_id)
            return section.module_id if section else item.section_id
        return item.module_id

    # ------------------------------------------------------------------ targets

    def encode(self, target: str) -> str:
        """A target short enough for a custom_id."""
        return target if len(target) <= MAX_TARGET_CHARS else _digest(target)

    def entry(self, encoded: str) -> Entry | None:
        """The entry a button's target names, or None when the course no longer has it."""
        return self.entries.get(self.digests.get(encoded, encoded))

    def module_of(self, entry: Entry) -> Module | None:
        """The module an entry belongs to (None for a FAQ answer outside any module)."""
        return self.course.module(entry.module_id)

    def answer_for(self, entry: Entry, question: str) -> Answer:
        """An answer showing ``entry``, as if the matcher had picked it (for "did you mean")."""
        module = self.module_of(entry)
        own = entry.kind == "faq" and entry.section_id is None
        return Answer(
            question=question,
            outcome=ANSWER,
            module_id=entry.module_id or None,
            module_title=module.title if module else None,
            section_id=entry.section_id,
            title=entry.title,
            heading=entry.heading,
            short=first_sentences(entry.text, SHORT_CHARS) if entry.text else None,
            text=cut(entry.text, TEXT_CHARS) if entry.text else None,
            full_text=entry.text,
            source=f"{entry.path}:{entry.line}",
            related=self.engine.matcher.related(entry),
            own_answer=own,
        )

    def full_text(self, entry: Entry) -> str:
        """What "see more" shows: the whole text, and for a module its list of sections."""
        text = entry.text.strip()
        if entry.kind != "intro":
            return text
        module = self.module_of(entry)
        outline = [f"- `{s.id}` {s.title}" for s in module.walk()] if module else []
        return "\n".join([text, "", *outline]).strip() if outline else text


def build_state(content_dir: str | Path, answer: AnswerSettings | None = None) -> CourseState:
    """Load ``content_dir`` into a new state (slow: call it off the event loop)."""
    thresholds = thresholds_from(answer or AnswerSettings())
    return CourseState.of(load_engine(content_dir, thresholds))
