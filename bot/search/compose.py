"""Composing an Answer: the only place where what the student is shown is cut from an entry
(the short answer, the trimmed text, the source, the neighbours to read on)."""

from __future__ import annotations

from bot.course.model import Course, Section, SummaryItem
from bot.search.answer import ANSWER, SUGGEST, Answer, Ref
from bot.search.index import Entry, FaqIndex
from bot.search.query import Query
from bot.text.normalise import COMPARE, Normalizer
from bot.text.snippets import cut, first_sentences

SHORT_CHARS = 300
TEXT_CHARS = 900
ALTERNATIVES = 3
RELATED = 8
REF_OPENING_CHARS = 120  # a suggestion's first line: enough to tell it from the others


class Composer:
    """Builds answers and references over one course and its index."""

    def __init__(self, course: Course, index: FaqIndex, normalizer: Normalizer) -> None:
        self.course = course
        self.index = index
        self.normalizer = normalizer

    def answer(
        self,
        question: str,
        entry: Entry,
        *,
        outcome: str = ANSWER,
        score: float = 0.0,
        query: Query | None = None,
        alternatives: tuple[Ref, ...] = (),
    ) -> Answer:
        """The answer showing ``entry``; without ``query`` (a suggestion the student picked)
        the short answer is the entry's opening."""
        module = self.course.module(entry.module_id)
        body = self.body(entry)
        short, opening = self._short(query, entry, body)
        return Answer(
            question=question,
            outcome=outcome,
            score=round(score, 1),
            module_id=entry.module_id or None,
            module_title=module.title if module else None,
            section_id=entry.section_id,
            title=entry.title,
            heading=entry.heading,
            short=short,
            opening=opening,
            text=cut(body, TEXT_CHARS) if body else None,
            full_text=body,
            source=f"{entry.path}:{entry.line}",
            alternatives=alternatives,
            related=self.related(entry),
            own_answer=own_answer(entry),
            faq_id=entry.key if own_answer(entry) else None,
            corrections=query.corrections if query and outcome in (ANSWER, SUGGEST) else (),
        )

    def alternatives(self, ranked: list[tuple[float, int]], outcome: str) -> tuple[Ref, ...]:
        """Up to three other places: the runners-up beside an answer, else the best ones."""
        entries = self.index.entries
        return tuple(
            ref(entries[e], score, first_sentences(self.body(entries[e]), REF_OPENING_CHARS))
            for score, e in self.shown(ranked, outcome)
        )

    def shown(self, ranked: list[tuple[float, int]], outcome: str) -> list[tuple[float, int]]:
        """The (score, entry) pairs ``alternatives`` shows, one per place."""
        seen: set[str] = set()
        out = []
        for score, e in ranked[1:] if outcome == ANSWER else ranked:
            entry = self.index.entries[e]
            # Each TA answer of its own is a place of its own, though it has no section.
            place = entry.section_id or (entry.key if entry.kind == "faq" else entry.module_id)
            if place in seen:
                continue
            seen.add(place)
            out.append((score, e))
            if len(out) == ALTERNATIVES:
                break
        return out

    def related(self, entry: Entry) -> tuple[Ref, ...]:
        """Parent, siblings and children of the entry's section, to read on."""
        course = self.course
        module = course.module(entry.module_id)
        if module is None:
            return ()
        if entry.section_id is None:
            sections = list(module.sections)
        else:
            section = course.section(entry.section_id)
            if section is None:
                return ()
            parent = course.section(section.parent_id) if section.parent_id else None
            siblings = parent.children if parent else module.sections
            sections = [*([parent] if parent else []), *siblings, *section.children]
            sections = [s for s in sections if s.id != section.id]
        return tuple(
            Ref(s.module_id, s.id, s.title, s.heading, f"{s.path}:{s.line}")
            for s in sections[:RELATED]
        )

    def body(self, entry: Entry) -> str:
        """What an answer on ``entry`` shows: its own text; for a heading with no text of its
        own (real courses open a module or a section straight on its sub-sections), the
        opening of each sub-section under its title, else the module's introduction or
        summary; at worst the module's outline. Never empty for a course entry."""
        if entry.text.strip():
            return entry.text
        module = self.course.module(entry.module_id)
        # A file with a title and nothing else still answers with something: its title.
        return self._composed(entry) or (module.title if module else entry.title)

    def _composed(self, entry: Entry) -> str:
        module = self.course.module(entry.module_id)
        section = self.course.section(entry.section_id) if entry.section_id else None
        if section is not None and section.children:
            return _openings(section.children)
        if module is None:
            return entry.text
        if section is None:  # the module itself: its summary, else its sections' openings
            if module.summary:
                return "\n".join(f"- {_bullet(item)}" for item in module.summary)
            return _openings(module.sections) or _outline(module.sections)
        # A leaf heading with nothing under it: what its parent, else its module, opens with.
        parent = self.course.section(section.parent_id) if section.parent_id else None
        for text in (parent.text if parent else "", module.intro):
            if text.strip():
                return text
        return _outline(module.sections)

    def _short(
        self, query: Query | None, entry: Entry, body: str
    ) -> tuple[str | None, bool]:
        """The matching summary bullet(s), else the opening sentences of what the answer
        shows; and whether it is that opening (which the text itself starts with)."""
        items = self._best_items(query, entry.summary) if query else []
        if items:
            return "\n".join(_bullet(item) for item in items), False
        if body.strip():
            # A text that is only code (a command to run) is its own short answer.
            return first_sentences(body, SHORT_CHARS) or cut(body, SHORT_CHARS), True
        return None, False

    def _best_items(self, query: Query, items: tuple[SummaryItem, ...]) -> list[SummaryItem]:
        """Summary bullets sharing the question's concepts; two for a comparison."""
        if not items:
            return []
        wanted = {c for c, _ in query.concepts}
        scored = []
        for position, item in enumerate(items):
            concepts = set(self.normalizer.concepts(item.term or item.text))
            overlap = sum(self.index.idf.get(c, 0) for c in concepts & wanted)
            if overlap > 0:
                scored.append((-overlap, position, item))
        scored.sort(key=lambda t: (t[0], t[1]))
        count = 2 if COMPARE in wanted else 1
        chosen = sorted(scored[:count], key=lambda t: t[1])
        if not chosen and len(items) == 1:
            return [items[0]]
        return [item for _, _, item in chosen]


OPENING_CHARS = 200  # one sub-section's opening, in the answer of a heading without text


def _bullet(item: SummaryItem) -> str:
    return f"{item.term} : {item.definition}" if item.is_pair else item.text


def _opening(section: Section) -> str:
    """The opening sentences of ``section``, or of its first descendant that has text."""
    for part in section.walk():
        if part.text.strip():
            return first_sentences(part.text, OPENING_CHARS)
    return ""


def _openings(sections: tuple[Section, ...]) -> str:
    """Each section's title and opening, one bullet each (a title alone when it has none)."""
    lines = []
    for section in sections:
        opening = _opening(section)
        lines.append(f"- {section.title} : {opening}" if opening else f"- {section.title}")
    return "\n".join(lines)


def _outline(sections: tuple[Section, ...]) -> str:
    """The titles of ``sections`` and their sub-sections, indented by depth."""
    return "\n".join(
        f"{'  ' * (part.level - top.level)}- {part.title}"
        for top in sections
        for part in top.walk()
    )


def ref(entry: Entry, score: float = 0.0, opening: str = "") -> Ref:
    """A pointer to ``entry``, as alternatives and buttons show it; ``opening`` is what its
    text starts with."""
    return Ref(
        module_id=entry.module_id,
        section_id=entry.section_id,
        title=entry.title,
        heading=entry.heading,
        source=f"{entry.path}:{entry.line}",
        score=round(score, 1),
        own_answer=own_answer(entry),
        faq_id=entry.key if own_answer(entry) else None,
        opening=opening,
    )


def own_answer(entry: Entry) -> bool:
    """A TA's FAQ answer of its own, not one that sends to a section."""
    return entry.kind == "faq" and entry.section_id is None
