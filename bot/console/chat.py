"""The terminal front end: the same answers as Discord, typed at a prompt or piped in."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

from bot.app.engine import CourseApp, Engine
from bot.app.unanswered import open_questions
from bot.config import Settings
from bot.console.progress import progress_command
from bot.console.quiz import quiz_command
from bot.i18n import t
from bot.present.course import format_module, format_section
from bot.present.text import answer_block, reload_text, unanswered_text
from bot.search.answer import SUGGEST, Answer, Ref, target_of
from bot.store import Store, StoreUnavailable

CommandHandler = Callable[["ChatSession", str], str | None]
# Reads the lines that follow a command (a /quiz's answers); False lets the chat handle the line.
LineHandler = Callable[[str], bool]


class ChatSession:
    """One terminal conversation over an engine; slash commands or questions, one per line."""

    def __init__(
        self,
        engine: Engine | CourseApp,
        lang: str = "fr",
        out: TextIO | None = None,
        read_line: Callable[[str], str] | None = None,
        settings: Settings | None = None,
        store: Store | None = None,
        user_id: str = "terminal",
    ) -> None:
        self.lang = lang
        self.out = out or sys.stdout
        self.read_line = read_line
        self.settings = settings or Settings()
        self.store = store  # None: nothing is recorded (questions for TAs, quiz progress)
        # The composition root: a bare engine (tests, scripts) is served with this chat's store
        # and language, sharing its parsed content and matcher.
        if not isinstance(engine, CourseApp):
            engine = CourseApp(engine, self.settings, store, lang)
        self.app = engine
        self.user_id = user_id
        self._store_warned = False
        self.commands: dict[str, CommandHandler] = {
            "modules": _modules,
            "module": _module,
            "section": _section,
            "lang": _lang,
            "help": _help,
            "aide": _help,
            "quiz": quiz_command,
            "progress": progress_command,
            "unanswered": _unanswered,
            "reload": _reload,
        }
        self.line_handler: LineHandler | None = None  # set by a command, cleared when it ends
        # The last "did you mean" list and its question: a number typed next opens one.
        self.suggestions: tuple[Ref, ...] = ()
        self.suggested_for = ""
        self.running = True

    @property
    def engine(self) -> Engine:
        """The engine serving now (``/reload`` swaps it)."""
        return self.app.engine

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def handle(self, line: str) -> None:
        """Answer one line: a ``/command`` or a question."""
        line = line.strip()
        if not line:
            return
        if self.line_handler is not None and self.line_handler(line):
            return
        if self.suggestions and line.isdigit():
            self._open_suggestion(int(line))
            return
        if line.startswith("/"):
            name, _, rest = line[1:].partition(" ")
            name = name.lower()
            if name in ("quit", "quitter", "exit"):
                self.running = False
                return
            handler = self.commands.get(name)
            if handler is None:
                self.say(t("unknown_command", self.lang, command=f"/{name}"))
                return
            reply = handler(self, rest.strip())
            if reply:
                self.say(reply)
            return
        answer = self.engine.matcher.ask(line)
        if answer.smalltalk == "help":
            # "aide" typed without its slash: the terminal's own command list says more.
            self.say(_help(self, ""))
            return
        self._record(answer)
        # A new question replaces the suggestions a number would open.
        self.suggestions = answer.alternatives if answer.outcome == SUGGEST else ()
        self.suggested_for = line
        self.say(answer_block(answer, self.lang))
        self.say("")

    def _open_suggestion(self, number: int) -> None:
        """Show suggestion ``number`` of the last list, as a "did you mean" button would."""
        if not 1 <= number <= len(self.suggestions):
            self.say(t("suggest_pick_unknown", self.lang, number=number,
                       count=len(self.suggestions)))
            return
        target = target_of(self.suggestions[number - 1])
        entry = next((e for e in self.engine.matcher.index.entries if e.key == target), None)
        if entry is None:  # cannot happen within one loaded course; say so rather than crash
            self.say(t("expired", self.lang))
            return
        self.say(answer_block(self.engine.matcher.answer_for(entry, self.suggested_for),
                              self.lang))
        self.say("")

    def _record(self, answer: Answer) -> None:
        """Count the question for the stats, and keep abstained and suggested ones for the
        TAs; say once if that fails."""
        if self.store is None or answer.outcome not in ("answer", "abstain", "suggest"):
            return
        try:
            self.store.record_question(
                answer.question, answer.outcome, answer.score, answer.module_id,
                answer.section_id, self.user_id, None,
            )
        except StoreUnavailable:
            # An answered question loses only a count in the stats: not worth a warning.
            if not self._store_warned and answer.outcome != "answer":
                self._store_warned = True
                self.say(t("store_unavailable", self.lang))

    def run(self, lines: TextIO, interactive: bool) -> None:
        if interactive:
            self.say(
                t(
                    "chat_welcome",
                    self.lang,
                    modules=len(self.engine.course.modules),
                    folder=self.engine.content_dir,
                )
            )
        while self.running:
            try:
                line = self.read_line("> ") if self.read_line else lines.readline()
            except (EOFError, KeyboardInterrupt):
                break
            if not self.read_line and line == "":
                break
            self.handle(line)


def _modules(session: ChatSession, _: str) -> str:
    modules = session.engine.course.modules
    if not modules:
        return t("no_modules", session.lang)
    return "\n".join(f"{m.id:<6} {m.title}" for m in modules)


def _module(session: ChatSession, arg: str) -> str:
    if not arg:
        return t("usage_module", session.lang)
    module = session.engine.course.module(arg)
    return format_module(module, session.lang) if module else t("not_found", session.lang, id=arg)


def _section(session: ChatSession, arg: str) -> str:
    if not arg:
        return t("usage_section", session.lang)
    course = session.engine.course
    section = course.section(arg)
    if section is None:
        return _module(session, arg)
    return format_section(section, course, session.lang)


def _lang(session: ChatSession, arg: str) -> str:
    if arg and arg not in ("fr", "en"):
        return t("lang_unknown", session.lang, code=arg)
    if arg:
        session.lang = arg
    return t("lang_now", session.lang)


def _unanswered(session: ChatSession, _: str) -> str:
    """What this terminal's students asked that the course did not answer well, and still
    does not."""
    if session.store is None:
        return t("unanswered_none", session.lang)
    # Reads of a broken store return nothing, which must not pass for "no question".
    if not session.store.available:
        return t("store_unreadable_ta", session.lang)
    found = open_questions(session.store, session.engine.matcher)
    return unanswered_text(found.groups, session.lang, found.answered_now)


def _reload(session: ChatSession, _: str) -> str:
    """Re-read the content folder; the old content keeps serving when the new one has errors."""
    return reload_text(session.app.reload(), session.lang)


def _help(session: ChatSession, _: str) -> str:
    return t("chat_help", session.lang)
