"""Quiz items: one question with its answer, explanation and the section to read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.quiz.grading import Vocabulary
from bot.text.normalise import fold

MCQ, TRUE_FALSE, TYPED = "mcq", "true_false", "typed"
KINDS = (MCQ, TRUE_FALSE, TYPED)
GENERATED, HANDWRITTEN = "generated", "quiz.yaml"
# Replies that pick "true" or "false" in any language (folded, punctuation as spaces): the
# words themselves, and how students say yes or no in a chat ("ouais", "c'est vrai", "nope").
TRUE_WORDS = frozenset({
    "true", "vrai", "v", "t", "oui", "yes", "o", "y", "ouais", "ouai", "ouaip", "oue", "ui",
    "yep", "yup", "yeah", "ya", "exact", "exactement", "correct", "c est vrai", "c vrai",
    "bien sur", "tout a fait", "affirmatif", "it s true", "that s true", "right",
})
FALSE_WORDS = frozenset({
    "false", "faux", "f", "non", "no", "n", "nan", "nope", "nah", "c est faux", "c faux",
    "pas vrai", "c est pas vrai", "ce n est pas vrai", "incorrect", "inexact", "pas du tout",
    "negatif", "it s false", "that s false", "not true", "wrong",
})


def true_false_reply(text: str) -> bool | None:
    """True or False for a reply that says yes or no ("Oui !", "ouais", "nope"), else None."""
    key = " ".join(re.sub(r"[\W_]+", " ", fold(text)).split())
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    return None


@dataclass(frozen=True)
class Source:
    """Where a student reads about an item: a module, a section, and its place in the files."""

    module: str
    section: str | None
    title: str = ""  # the section's readable title
    location: str = ""  # "content/3.1-....md:22"

    def to_json(self) -> dict:
        return {
            "module": self.module,
            "section": self.section,
            "title": self.title,
            "location": self.location,
        }


@dataclass(frozen=True)
class QuizItem:
    """One question.

    ``key`` names the fact the item tests (a summary pair, a bullet, a section or a hand-written
    question): several items may test one fact in different forms, and review state is kept per
    key, so a missed fact comes back in another form. For ``true_false`` the options are the two
    words of the language ("Vrai", "Faux") and ``answer`` is one of them.
    """

    kind: str
    prompt: str
    answer: str
    explanation: str
    source: Source
    key: str
    options: tuple[str, ...] | None = None
    accepted: tuple[str, ...] = ()  # typed: other accepted answers besides ``answer``
    origin: str = GENERATED
    # The answer uncut when ``answer`` is an option shortened to fit beside the others, for a
    # reveal that has room for it (the terminal); empty when ``answer`` is already whole.
    full_answer: str = ""
    # Typed: the course's vocabulary, so that the distinctive part of the answer is enough.
    vocabulary: Vocabulary | None = field(default=None, compare=False, repr=False)
    # What the item asks about when that is not its answer: the term of a "which definition?"
    # or true/false item. One quiz never asks about one thing twice (see :attr:`about`).
    topic: str = ""

    @property
    def about(self) -> str:
        """The term, command... the item asks about: its reveal gives this away, so a quiz
        asks about it once. Empty for a hand-written true/false statement."""
        if self.topic:
            return self.topic
        return "" if self.kind == TRUE_FALSE else self.answer

    @property
    def answers(self) -> tuple[str, ...]:
        """Every accepted answer, the main one first."""
        return (self.answer, *self.accepted)

    @property
    def answer_index(self) -> int | None:
        """The position of the correct option (multiple choice and true/false)."""
        return self.options.index(self.answer) if self.options else None

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "prompt": self.prompt,
            "options": list(self.options) if self.options is not None else None,
            "answer": self.answer,
            "accepted": list(self.answers),
            "explanation": self.explanation,
            "source": self.source.to_json(),
            "key": self.key,
            "origin": self.origin,
        }
