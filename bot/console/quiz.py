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
from typing import TYPE_CHECKING

from bot.app.engine import Engine, QuizOptions
from bot.config import MAX_QUESTIONS, MIN_QUESTIONS, QuizSettings
from bot.course.content import Content
from bot.course.faq import load_synonyms
from bot.course.model import Course, Problem
from bot.i18n import t
from bot.present.quiz import (
    CHAT_COMMANDS,
    QuizCommands,
    bad_count_text,
    no_quiz_text,
    render_question,
    render_reveal,
    render_summary,
    scope_text,
    shorter_note,
)
from bot.quiz.items import TRUE_FALSE
from bot.quiz.service import NoItems, QuizService, UnknownModule
from bot.quiz.session import (
    HELP,
    INVALID,
    LETTERS,
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


def make_service(
    content_dir: str,
    course: Course,
    database: str | None,
    lang: str,
    quiz: QuizSettings | None = None,
) -> tuple[QuizService, list[Problem]]:
    """A quiz service over ``content_dir`` (whose modules are ``course``) with ``quiz.yaml`` and
    the store at ``database`` (None: no store); the problems of ``quiz.yaml``, and of the store
    when it cannot be used. Built by the composition root, as every front end's is."""
    store = Store(database) if database else None
    # The course is loaded already: only synonyms.yaml is read, as the root would have.
    synonyms, _ = load_synonyms(content_dir)  # its problems are the matcher's to report
    content = Content(str(content_dir), course, synonyms=tuple(map(tuple, synonyms)))
    engine = Engine(content, store=store, quiz=QuizOptions.of(quiz, lang))
    problems = engine.quiz_problems
    if store is not None and store.problem:
        problems.append(Problem(database or "", 0, store.problem, "warning"))
    return engine.quizzes, problems


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
    engine: Engine | None = None  # the engine it came from; None: attached by hand, kept


_chat_services: weakref.WeakKeyDictionary[ChatSession, _ChatQuizzes] = weakref.WeakKeyDictionary()


def attach(session: ChatSession, service: QuizService, player_id: str) -> None:
    """Use ``service`` and ``player_id`` for ``/quiz`` in this chat session."""
    _chat_services[session] = _ChatQuizzes(service, player_id)


def _chat_quizzes(session: ChatSession) -> tuple[_ChatQuizzes, list[Problem]]:
    """The chat's quiz service: the one the composition root built for the engine serving now,
    and ``quiz.yaml``'s problems the first time it is used (again after a ``/reload``)."""
    existing = _chat_services.get(session)
    engine = session.engine
    if existing is not None and existing.engine in (None, engine):
        return existing, []
    _chat_services[session] = _ChatQuizzes(engine.quizzes, session.user_id, engine)
    return _chat_services[session], engine.quiz_problems


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
