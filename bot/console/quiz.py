"""The terminal quiz: ``/quiz [MODULE] [N]`` inside the chat, and ``python -m bot quiz``.

Both drive a solo quiz with :class:`TerminalQuiz`, which turns lines typed by the student into
answers and returns the text to print. In the chat, ``/quiz`` takes over the following lines
until the quiz ends (``/stop`` ends it early, ``/passer`` skips a question, ``/aide`` says how to
answer; ``/quiz`` or ``/quit`` end it, and another chat command runs and asks the open question
again).
"""

from __future__ import annotations

import getpass
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from bot.config import MAX_QUESTIONS, MIN_QUESTIONS, QuizSettings
from bot.course.model import Course, Problem
from bot.i18n import t
from bot.quiz.grading import explain
from bot.quiz.items import MCQ, TRUE_FALSE, Source
from bot.quiz.service import NoItems, QuizService, UnknownModule
from bot.quiz.session import (
    CORRECT,
    HELP,
    INVALID,
    LETTERS,
    SKIPPED,
    TIMEOUT,
    Question,
    QuizGame,
    QuizSummary,
    Reveal,
    SoloQuiz,
    Submission,
    reply_intent,
)
from bot.store import Store

if TYPE_CHECKING:
    from bot.console.chat import ChatSession

SKIP_COMMANDS = {"/passer", "/skip"}
STOP_COMMANDS = {"/stop", "/arreter", "/arrêter"}
QUIT_COMMANDS = {"/quit", "/quitter", "/exit"}


def default_user() -> str:
    """The terminal's student: the OS user name (``--user`` overrides it)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        return "terminal"


def question_count(text: str) -> int | None:
    """The number of questions ``text`` asks for, or None unless it is a whole number within
    the range the configuration allows."""
    try:
        n = int(text)
    except ValueError:
        return None
    return n if MIN_QUESTIONS <= n <= MAX_QUESTIONS else None


def bad_count_text(value: str, lang: str) -> str:
    """Why a number of questions is refused, for the user."""
    return t("quiz_bad_count", lang, value=value, low=MIN_QUESTIONS, high=MAX_QUESTIONS)


def make_service(
    content_dir: str,
    course: Course,
    database: str | None,
    lang: str,
    quiz: QuizSettings | None = None,
) -> tuple[QuizService, list[Problem]]:
    """A quiz service over ``course`` with ``quiz.yaml`` and the store at ``database`` (None:
    no store); the problems of ``quiz.yaml``, and of the store when it cannot be used."""
    settings = quiz or QuizSettings()
    store = Store(database) if database else None
    service, problems = QuizService.from_content(
        content_dir,
        course,
        store,
        lang=lang,
        questions=settings.questions,
        group_timeout=settings.group_timeout_seconds,
        solo_timeout=settings.solo_timeout_seconds,
    )
    if store is not None and store.problem:
        problems.append(Problem(database or "", 0, store.problem, "warning"))
    return service, problems


# ----------------------------------------------------------------------------- rendering


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


# ------------------------------------------------------------------------------- driver


class TerminalQuiz:
    """One solo quiz driven by lines of text; each method returns what to print."""

    def __init__(
        self,
        service: QuizService,
        quiz: SoloQuiz,
        lang: str,
        commands: QuizCommands = CHAT_COMMANDS,
    ) -> None:
        self.service = service
        self.quiz = quiz
        self.lang = lang
        self.commands = commands  # named in the summary's next step
        self.done = False
        self._warned = False

    def opening(self) -> str:
        """The introduction and the first question."""
        scope = scope_text(self.service.course, self.quiz.module_id, self.lang)
        intro = t("quiz_intro", self.lang, scope=scope, count=self.quiz.total)
        intro += shorter_note(self.quiz, self.lang)
        return intro + "\n\n" + render_question(self.quiz.start(), self.lang)

    def feed(self, line: str) -> str:
        """Take one line: an answer, ``/passer``, ``/stop``, or a request for help (an empty
        line, "?", "aide"), which asks again with how to answer."""
        text = line.strip()
        if not text:
            return self._how_to_answer()
        command = text.lower()
        if command in STOP_COMMANDS:
            return t("quiz_stopped", self.lang) + "\n" + self.close()
        if command in SKIP_COMMANDS:
            reveal = self.quiz.skip()
            return self._after(render_reveal(reveal, self.lang) if reveal else "", None)
        submission = self.quiz.answer(text)
        if submission.status == INVALID:
            return self._how_to_answer()
        text_out = render_reveal(submission.reveal, self.lang) if submission.reveal else ""
        return self._after(text_out, submission)

    def again(self) -> str:
        """The open question once more (after a chat command typed during the quiz)."""
        question = self.quiz.current
        return "" if self.done or question is None else render_question(question, self.lang)

    def _how_to_answer(self) -> str:
        """How to answer the open question: a letter, true or false, or a word to type."""
        item = self.quiz.current.item if self.quiz.current else None
        if item is None:
            return ""
        if item.kind == TRUE_FALSE:
            return t("quiz_invalid_true_false", self.lang)
        if item.options is None:
            return t("quiz_typed_help", self.lang)
        return t("quiz_invalid_choice", self.lang, last=LETTERS[len(item.options) - 1])

    def close(self) -> str:
        """End the quiz now (``/stop``, end of input): its summary."""
        if self.done:
            return ""
        self.done = True
        summary = self.service.end_solo(self.quiz.player_id) or self.quiz.finish()
        return render_summary(summary, self.lang, self.commands)

    def _after(self, shown: str, submission: Submission | None) -> str:
        parts = [shown] if shown else []
        error = submission.save_error if submission else self.quiz.save_error
        if error and not self._warned:
            self._warned = True  # once per quiz: the reason does not change between answers
            parts.append(t("quiz_not_saved", self.lang, reason=error))
        following = self.quiz.next()
        parts.append("")
        parts.append(render_question(following, self.lang) if following else self.close())
        return "\n".join(parts)


# ------------------------------------------------------------------------- chat command


@dataclass
class _ChatQuizzes:
    service: QuizService
    player_id: str


_chat_services: weakref.WeakKeyDictionary[ChatSession, _ChatQuizzes] = weakref.WeakKeyDictionary()


def attach(session: ChatSession, service: QuizService, player_id: str) -> None:
    """Use ``service`` and ``player_id`` for ``/quiz`` in this chat session."""
    _chat_services[session] = _ChatQuizzes(service, player_id)


def _chat_quizzes(session: ChatSession) -> tuple[_ChatQuizzes, list[Problem]]:
    existing = _chat_services.get(session)
    if existing is not None:
        return existing, []
    engine = session.engine
    service, problems = QuizService.from_content(
        engine.content_dir,
        engine.course,
        session.store,
        lang=session.lang,
        questions=session.settings.quiz.questions,
        group_timeout=session.settings.quiz.group_timeout_seconds,
        solo_timeout=session.settings.quiz.solo_timeout_seconds,
    )
    attach(session, service, session.user_id)
    return _chat_services[session], problems


def quiz_command(session: ChatSession, arg: str) -> str:
    """``/quiz [MODULE] [N]``: start a quiz that reads the next lines as answers."""
    quizzes, problems = _chat_quizzes(session)
    parts = arg.split()
    module_id = parts[0] if parts else None
    n = question_count(parts[1]) if len(parts) > 1 else None
    warnings = "".join(f"{p.severity}: {p}\n" for p in problems)
    if len(parts) > 1 and n is None:
        return warnings + bad_count_text(parts[1], session.lang)
    quizzes.service.end_solo(quizzes.player_id)  # a quiz left behind by an earlier /quiz
    try:
        quiz = quizzes.service.start_solo(quizzes.player_id, module_id, n=n, lang=session.lang)
    except (UnknownModule, NoItems):
        return warnings + no_quiz_text(quizzes.service, module_id, session.lang)
    driver = TerminalQuiz(quizzes.service, quiz, session.lang)

    def on_line(line: str) -> bool:
        name, _, rest = line.strip().partition(" ")
        name = name.lower()
        # "/aide" during a quiz asks how to answer it, not for the chat's command list.
        help_asked = reply_intent(line) == HELP
        if not help_asked and (name in QUIT_COMMANDS or name == "/quiz"):
            # Leaving the chat, or another quiz, ends this one first.
            session.say(driver.close())
            session.line_handler = None
            return False
        if not help_asked and name[1:] in session.commands:
            # Looking something up (/modules, /section 3.1.2) keeps the quiz going: the
            # command runs, then the open question is asked again. Any other line is an
            # answer, even one starting with "/" such as /var/lib/docker.
            reply = session.commands[name[1:]](session, rest.strip())
            session.say("\n\n".join(part for part in (reply, driver.again()) if part))
            return True
        session.say(driver.feed(line))
        if driver.done:
            session.line_handler = None
        return True

    session.line_handler = on_line
    return warnings + driver.opening()
