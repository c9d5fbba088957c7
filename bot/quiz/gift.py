"""Moodle's GIFT format, so a module's items can be imported into a Moodle question bank."""

from __future__ import annotations

from collections.abc import Sequence

from bot.quiz.items import MCQ, TRUE_FALSE, QuizItem

_SPECIAL = "\\~=#{}:"  # the backslash first, so the escapes added after it stay single


def escape(text: str) -> str:
    """``text`` with GIFT's special characters escaped and newlines written as ``\\n``."""
    for char in _SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\r", "").replace("\n", "\\n")


def gift_question(item: QuizItem, title: str) -> str:
    """One item as a GIFT question, its explanation as general feedback."""
    feedback = f"####{escape(item.explanation)}"
    if item.kind == TRUE_FALSE:
        truth = "TRUE" if item.answer_index == 0 else "FALSE"
        answers = f"{truth}{feedback}"
    elif item.kind == MCQ:
        lines = [
            ("=" if option == item.answer else "~") + escape(option)
            for option in item.options or ()
        ]
        answers = "\n" + "\n".join([*lines, feedback]) + "\n"
    else:
        lines = ["=" + escape(answer) for answer in item.answers]
        answers = "\n" + "\n".join([*lines, feedback]) + "\n"
    where = item.source.section or item.source.module
    return (
        f"// [{where}] {item.source.title}\n::{escape(title)}::{escape(item.prompt)} {{{answers}}}"
    )


def to_gift(items: Sequence[QuizItem], category: str) -> str:
    """A GIFT file: a category line, then the questions separated by blank lines."""
    blocks = [f"$CATEGORY: {category}"]
    blocks += [gift_question(item, f"{category} {i:03d}") for i, item in enumerate(items, 1)]
    return "\n\n".join(blocks) + "\n"
