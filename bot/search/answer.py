"""The front-end-neutral answer: what the matcher found and how sure it is."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ANSWER, SUGGEST, ABSTAIN, SMALLTALK, EMPTY = "answer", "suggest", "abstain", "smalltalk", "empty"


@dataclass(frozen=True)
class Ref:
    """A pointer to a place in the course: a section or a module's introduction."""

    module_id: str
    section_id: str | None
    title: str
    heading: str
    source: str  # path:line
    score: float = 0.0
    own_answer: bool = False  # a TA's FAQ answer rather than a section
    faq_id: str | None = None  # that FAQ answer's id (``faq:...``), for buttons and votes
    # The place's opening sentence, so a list of suggestions says what each one holds.
    opening: str = ""


def target_of(item: Answer | Ref) -> str | None:
    """The index key of what an answer or a lead points at, the key a button or a vote
    stores: section id, module id or a TA's own FAQ answer's ``faq:...`` id."""
    if item.section_id:
        return item.section_id
    if item.own_answer:
        return item.faq_id
    return item.module_id or None


@dataclass(frozen=True)
class Answer:
    """One reply to one question, whatever the front end."""

    question: str
    outcome: str
    score: float = 0.0
    module_id: str | None = None
    module_title: str | None = None
    section_id: str | None = None
    title: str | None = None  # readable section title
    heading: str | None = None  # the heading as written in the file
    short: str | None = None  # the short answer: a summary bullet or the first sentences
    # The short answer is the text's own opening: show the text alone, not its start twice.
    opening: bool = False
    text: str | None = None  # the section text trimmed at a sentence boundary
    full_text: str | None = None
    source: str | None = None  # path:line
    alternatives: tuple[Ref, ...] = ()
    related: tuple[Ref, ...] = ()
    smalltalk: str | None = None  # greeting | thanks | identity | bye | help
    own_answer: bool = False  # a TA's FAQ answer rather than a section
    faq_id: str | None = None  # that FAQ answer's id (``faq:...``), for buttons and votes
    # Words read as another course word ("imgae" -> "image"), shown so a student can tell
    # when the bot misread them.
    corrections: tuple[tuple[str, str], ...] = ()
    example: str | None = None  # for an empty message: a question to try, from this course

    @property
    def answered(self) -> bool:
        return self.outcome == ANSWER

    def other_leads(self, limit: int = 2) -> tuple[Ref, ...]:
        """Other places the question may be about, beside a confident answer: the runners-up
        that are neither this place nor one of its neighbours already offered to read on."""
        if self.outcome != ANSWER:
            return ()
        shown = {self.section_id or self.module_id} | {
            r.section_id or r.module_id for r in self.related
        }
        leads = [r for r in self.alternatives if (r.section_id or r.module_id) not in shown]
        return tuple(leads[:limit])

    def corrections_text(self) -> str:
        """The misread words, as ``typed → read`` pairs, or an empty string."""
        return ", ".join(f"{typed} → {read}" for typed, read in self.corrections)

    def to_json(self) -> dict:
        """The ``ask --json`` contract."""
        return {
            "question": self.question,
            "answered": self.answered,
            "outcome": self.outcome,
            "module": self.module_id,
            "section": self.heading,
            "section_id": self.section_id,
            "score": round(self.score, 1),
            "answer": self.short if self.answered else None,
            "text": self.text if self.answered else None,
            "source": self.source,
            "corrections": [{"typed": typed, "read": read} for typed, read in self.corrections],
            "alternatives": [
                {k: v for k, v in asdict(ref).items()
                 if k not in ("heading", "own_answer", "opening")}
                | {"section": ref.heading, "module_id": ref.module_id or None}
                for ref in self.alternatives
            ],
        }
