"""The course as the Discord front end serves it: one Engine plus what buttons need to find.

A ``CourseState`` is built from one Engine and never changes; ``/reload`` makes the composition
root (:class:`bot.app.engine.CourseApp`) swap its engine whole, and the bot wraps the new one, so a
button clicked during a reload sees either the old course or the new one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from bot.app.engine import Engine
from bot.course.model import Course, Module
from bot.search.answer import Answer
from bot.search.index import Entry

# A button's custom_id holds at most 100 characters; longer targets travel as a short digest.
MAX_TARGET_CHARS = 80


def _digest(key: str) -> str:
    return "#" + hashlib.blake2s(key.encode("utf-8"), digest_size=8).hexdigest()


@dataclass
class CourseState:
    """An Engine with its index entries looked up by target (what buttons name)."""

    engine: Engine
    entries: dict[str, Entry] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, engine: Engine) -> CourseState:
        """Wrap ``engine``."""
        entries: dict[str, Entry] = {}
        for entry in engine.matcher.index.entries:
            entries.setdefault(entry.key, entry)
        digests = {_digest(key): key for key in entries if len(key) > MAX_TARGET_CHARS}
        return cls(engine, entries, digests)

    @property
    def course(self) -> Course:
        """The loaded course."""
        return self.engine.course

    def ask(self, question: str, module_id: str | None = None) -> Answer:
        """The matcher's answer, searching only ``module_id`` when given (it must exist)."""
        return self.engine.matcher.ask(question, module_id)

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
        return self.engine.matcher.answer_for(entry, question)

    def full_text(self, entry: Entry) -> str:
        """What "see more" shows: the whole text, and for a module its list of sections."""
        # The composer's body: a heading with no text of its own shows its sub-sections'.
        text = self.engine.matcher.composer.body(entry).strip()
        if entry.kind != "intro":
            return text
        module = self.module_of(entry)
        outline = [f"- `{s.id}` {s.title}" for s in module.walk()] if module else []
        return "\n".join([text, "", *outline]).strip() if outline else text
