"""Hand-written quiz items from ``content/quiz.yaml``, schema-checked with ``path:line`` errors.

The format (documented for TAs in the bundled ``content/quiz.yaml``)::

    questions:
      - module: "3.1"            # required: the module the item belongs to
        section: "3.1.2"         # optional: the section to reread
        kind: mcq                # mcq | true_false | typed
        prompt: "..."
        options: ["...", "..."]  # mcq only: 3 to 6 distinct options
        answer: "..."            # mcq: one of the options; true_false: true/false; typed: text
        accepted: ["..."]        # typed only: other accepted answers
        explanation: "..."       # required: shown after the answer
        id: "..."                # optional: keeps review history when the prompt is reworded
"""

from __future__ import annotations

import hashlib
import os

from bot.course.loader import ContentError
from bot.course.model import Course, Module, Problem
from bot.course.yamlfile import (
    EntrySchema,
    id_field,
    line_of,
    parse_entries,
    read_list_file,
    text_field,
    text_list,
)
from bot.i18n import t
from bot.quiz.grading import grade, near_duplicate
from bot.quiz.items import (
    FALSE_WORDS,
    HANDWRITTEN,
    KINDS,
    MCQ,
    TRUE_FALSE,
    TRUE_WORDS,
    TYPED,
    QuizItem,
    Source,
)
from bot.quiz.terms import contains
from bot.text.normalise import fold

QUIZ_FILE = "quiz.yaml"
MIN_OPTIONS, MAX_OPTIONS = 3, 6
_KEYS = {
    "module",
    "section",
    "kind",
    "prompt",
    "options",
    "answer",
    "accepted",
    "explanation",
    "id",
}
_SCHEMA = EntrySchema(
    frozenset(_KEYS),
    "a quiz question",
    "each question must be a mapping with 'module', 'kind', 'prompt'...",
)


def load_quiz_bank(
    folder: str | os.PathLike, course: Course, lang: str = "fr"
) -> tuple[list[QuizItem], list[Problem]]:
    """Items of ``quiz.yaml`` in ``folder`` (absent file: none); a bad item is reported with its
    line and skipped, the others still load. So is a duplicate, as a duplicate module id is:
    an item with the id of an earlier one, or its prompt in the same module."""
    shown, doc, problems = read_list_file(folder, QUIZ_FILE, "questions", "questions")
    parsed, bad = parse_entries(shown, doc, _SCHEMA, lambda entry: _item(entry, course, lang))
    problems.extend(bad)
    items: list[QuizItem] = []
    seen: dict[str, int] = {}
    # An id only keeps review history: two ids on one prompt still ask a student twice.
    prompts: dict[tuple[str, str], int] = {}
    for entry, (item, warnings) in parsed:
        line = line_of(entry)
        prompt = (item.source.module, " ".join(fold(item.prompt).split()))
        if prompt in prompts or item.key in seen:
            same = "prompt" if prompt in prompts else "id"
            first = prompts[prompt] if same == "prompt" else seen[item.key]
            message = f"duplicate question (same {same} as line {first}); entry skipped"
            problems.append(Problem(shown, line, message))
            continue
        seen[item.key] = prompts[prompt] = line
        problems.extend(Problem(shown, line, w, "warning") for w in warnings)
        items.append(item)
    return items, problems


def _item(entry: dict, course: Course, lang: str) -> tuple[QuizItem, list[str]]:
    line = line_of(entry)
    module_id = id_field(entry, "module", required=True) or ""
    module = course.module(module_id)
    if module is None:
        raise ContentError(line, f"module {module_id!r} does not exist in the content")
    source = _source(entry, course, module, line)
    kind = text_field(entry, "kind", required=True)
    if kind not in KINDS:
        raise ContentError(line, f"kind {kind!r} is not one of {', '.join(KINDS)}")
    prompt = text_field(entry, "prompt", required=True) or ""
    explanation = text_field(entry, "explanation", required=True) or ""
    if kind != MCQ and "options" in entry:
        raise ContentError(line, "'options' is only for kind mcq")
    if kind != TYPED and "accepted" in entry:
        raise ContentError(line, "'accepted' is only for kind typed")
    options: tuple[str, ...] | None = None
    accepted: tuple[str, ...] = ()
    warnings: list[str] = []
    if kind == TRUE_FALSE:
        options = (t("quiz_true", lang), t("quiz_false", lang))
        answer = options[0] if _truth(entry, line) else options[1]
    else:
        answer = text_field(entry, "answer", required=True) or ""
    if kind == MCQ:
        options = _options(entry, answer, line)
    if kind == TYPED:
        accepted = tuple(text_list(entry, "accepted"))
        for other in accepted:
            if grade(answer, other).accepted:
                warnings.append(
                    f"accepted answer {other!r} is already accepted as a form of {answer!r}"
                )
        if any(contains(prompt, form) for form in (answer, *accepted)):
            warnings.append("the prompt contains the answer")
    key_id = text_field(entry, "id") or hashlib.sha1(fold(prompt).encode()).hexdigest()[:10]
    item = QuizItem(
        kind,
        prompt,
        answer,
        explanation,
        source,
        f"{module_id}/q/{key_id}",
        options,
        accepted,
        HANDWRITTEN,
    )
    return item, warnings


def _source(entry: dict, course: Course, module: Module, line: int) -> Source:
    module_id = module.id
    section_id = id_field(entry, "section")
    if section_id is None:
        return Source(module_id, None, module.title, f"{module.path}:{module.line}")
    section = course.section(section_id)
    if section is None or section.module_id != module_id:
        raise ContentError(line, f"section {section_id!r} does not exist in module {module_id}")
    return Source(module_id, section.id, section.title, f"{section.path}:{section.line}")


def _truth(entry: dict, line: int) -> bool:
    value = entry.get("answer")
    if isinstance(value, bool):
        return value  # the one place where YAML's booleans are meant
    if isinstance(value, str) and fold(value).strip() in TRUE_WORDS | FALSE_WORDS:
        return fold(value).strip() in TRUE_WORDS
    raise ContentError(line, "a true_false answer must be true or false")


def _options(entry: dict, answer: str, line: int) -> tuple[str, ...]:
    options = text_list(entry, "options")
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        raise ContentError(
            line, f"an mcq needs {MIN_OPTIONS} to {MAX_OPTIONS} options, not {len(options)}"
        )
    if options.count(answer) != 1:
        raise ContentError(line, f"the answer {answer!r} must be exactly one of the options")
    for i, first in enumerate(options):
        for second in options[i + 1 :]:
            if near_duplicate(first, second):
                raise ContentError(line, f"options {first!r} and {second!r} are too alike")
    return tuple(options)
