"""Plain-text rendering of quizzes, shared by every front end: the terminal quiz and chat print
it, Discord puts the same lines in its embeds."""

from __future__ import annotations

from typing import NamedTuple

from bot.config import MAX_QUESTIONS, MIN_QUESTIONS
from bot.course.model import Course
from bot.i18n import t
from bot.quiz.grading import explain
from bot.quiz.items import MCQ, TRUE_FALSE, Source
from bot.quiz.service import QuizService
from bot.quiz.session import (
    CORRECT,
    LETTERS,
    SKIPPED,
    TIMEOUT,
    Question,
    QuizGame,
    QuizSummary,
    Reveal,
)


def bad_count_text(value: str, lang: str) -> str:
    """Why a number of questions is refused, for the user."""
    return t("quiz_bad_count", lang, value=value, low=MIN_QUESTIONS, high=MAX_QUESTIONS)


def render_question(question: Question, lang: str) -> str:
    """A question as text: its number, prompt and lettered options."""
    item = question.item
    lines = [t("quiz_question", lang, index=question.index, total=question.total), item.prompt]
    for letter, option in zip(LETTERS, item.options or (), strict=False):
        lines.append(f"  {letter}. {option}")
    return "\n".join(lines)


def _expected(reveal: Reveal) -> str:
    item = reveal.question.item
    # The terminal has room for the whole answer, even when its option was shortened.
    answer = item.full_answer or item.answer
    if item.kind in (MCQ, TRUE_FALSE) and item.answer_index is not None:
        return f"{LETTERS[item.answer_index]}. {answer}"
    return answer


def section_line(source: Source) -> str:
    """``[3.1.2] Image Docker (content/3.1-....md:26)``."""
    return f"[{source.section or source.module}] {source.title} ({source.location})"


def render_reveal(reveal: Reveal, lang: str) -> str:
    """The closing of a question: verdict, expected answer, explanation, section to reread."""
    item = reveal.question.item
    if reveal.outcome in (TIMEOUT, SKIPPED):
        verdict = t("quiz_timeout" if reveal.outcome == TIMEOUT else "quiz_skipped", lang)
    elif item.options is None and reveal.grade is not None:
        verdict = explain(reveal.grade, lang)  # says what was expected and why it was accepted
    else:
        verdict = t("grade_exact" if reveal.outcome == CORRECT else "quiz_wrong", lang)
    lines = [("✓ " if reveal.outcome == CORRECT else "✗ ") + verdict]
    if reveal.outcome != CORRECT and (item.options is not None or reveal.grade is None):
        lines.append(t("quiz_expected", lang, answer=_expected(reveal)))
    lines.append(t("quiz_explanation", lang, explanation=reveal.explanation))
    lines.append(t("quiz_read_again", lang, section=section_line(reveal.source)))
    return "\n".join(lines)


def format_duration(seconds: float, lang: str) -> str:
    """A quiz's duration in minutes and seconds, for summaries."""
    minutes, rest = divmod(int(round(seconds)), 60)
    return t("quiz_duration", lang, minutes=minutes, seconds=rest)


class QuizCommands(NamedTuple):
    """How a front end's student starts a quiz: a review quiz, and one module's
    (``{module}`` stands for its id)."""

    review: str
    module: str

    def again(self, module_id: str | None) -> str:
        """The command that starts a quiz on ``module_id`` (None: a review quiz)."""
        return self.module.format(module=module_id) if module_id else self.review


CHAT_COMMANDS = QuizCommands("/quiz", "/quiz {module}")
CLI_COMMANDS = QuizCommands("python -m bot quiz", "python -m bot quiz {module}")


def render_summary(summary: QuizSummary, lang: str, commands: QuizCommands = CHAT_COMMANDS) -> str:
    """The end of a quiz: score (of the questions answered, out of how many when it was
    stopped early), time, the sections to review, and what to do next: a review quiz when a
    question was missed, the rest of the quiz when it was stopped early."""
    duration = format_duration(summary.duration_seconds, lang)
    if not summary.asked:
        lines = [t("quiz_summary_none", lang)]
    elif summary.asked < summary.total:
        lines = [
            t(
                "quiz_summary_partial",
                lang,
                score=summary.score,
                asked=summary.asked,
                total=summary.total,
                duration=duration,
            )
        ]
    else:
        lines = [
            t("quiz_summary", lang, score=summary.score, total=summary.asked, duration=duration)
        ]
    if summary.to_review:
        lines.append(t("quiz_review_sections", lang))
        lines += ["  " + section_line(source) for source in summary.to_review]
        lines.append(t("quiz_next_review", lang, command=commands.review))
    elif summary.asked < summary.total:
        lines.append(t("quiz_next_more", lang, command=commands.again(summary.module_id)))
    else:
        lines.append(t("quiz_nothing_to_review", lang))
    return "\n".join(lines)


def shorter_note(game: QuizGame, lang: str) -> str:
    """A line to add to a quiz's introduction when it is shorter than asked (the bank has
    fewer facts than that, and a fact is never asked twice); "" otherwise."""
    if game.requested <= game.total:
        return ""
    return "\n" + t("quiz_shorter", lang, count=game.total, asked=game.requested)


def no_quiz_text(service: QuizService, module_id: str | None, lang: str) -> str:
    """Why no quiz on ``module_id`` can start (no such module, or no question in it), with the
    modules that do have questions."""
    modules = ", ".join(service.quizzable())
    if module_id is not None and service.course.module(module_id) is None:
        return t("quiz_unknown_module", lang, module=module_id, modules=modules)
    text = t("quiz_no_items", lang, scope=scope_text(service.course, module_id, lang))
    if module_id is not None and modules:
        text += " " + t("quiz_with_questions", lang, modules=modules)
    return text


def scope_text(course: Course, module_id: str | None, lang: str) -> str:
    """What a quiz covers: one module, or review over the course."""
    module = course.module(module_id) if module_id else None
    if module is None:
        return t("quiz_scope_review", lang)
    return t("quiz_scope_module", lang, module=module.id, title=module.title)
