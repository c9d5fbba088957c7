"""Everything built from one content folder: the course, the matcher, the quizzes, and what went
wrong. This is the composition root: every front end (CLI, terminal chat, Discord) gets its
engine from here, through :class:`CourseApp`.

An ``Engine`` is built from one :class:`~bot.course.content.Content` (the files read and parsed
once) and builds its matcher and its quiz service at most once each, on first use. Front ends
hold one ``CourseApp``, which swaps its engine whole on reload, so a broken reload never leaves
half-built state behind.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from bot.app.dense import DenseFactory, dense_factory
from bot.config import AnswerSettings, QuizSettings, Settings
from bot.course.content import Content, load_content
from bot.course.faq import FaqEntry
from bot.course.model import Course, Problem, errors_in
from bot.i18n import DEFAULT_LANGUAGE
from bot.quiz.bank import load_quiz_bank
from bot.quiz.items import QuizItem
from bot.quiz.ports import QuizStore
from bot.quiz.service import QuizService
from bot.search.matcher import Matcher, Thresholds

log = logging.getLogger("coursebot.app")

RELOAD_WAIT = 20.0  # seconds a reload waits for its dense index before serving

def build_matcher(
    content: Content,
    thresholds: Thresholds | None = None,
    dense: DenseFactory | None = None,
) -> Matcher:
    """The matcher over ``content``: the only place front ends' matchers are built. With a
    ``dense`` side, its index starts building on a worker thread at once; answers stay
    lexical until it is ready."""
    matcher = Matcher(content.course, content.synonyms, content.faq, thresholds, dense=dense)
    if matcher.dense is not None:
        matcher.dense.start()
    return matcher


@dataclass(frozen=True)
class QuizOptions:
    """How the quiz service of a front end is set up: its default language and quiz lengths."""

    lang: str = DEFAULT_LANGUAGE
    questions: int = QuizSettings.questions
    group_timeout: float = QuizSettings.group_timeout_seconds
    solo_timeout: float = QuizSettings.solo_timeout_seconds

    @classmethod
    def of(cls, quiz: QuizSettings | None, lang: str | None) -> QuizOptions:
        """The options from the configuration's ``quiz:`` section and a language."""
        quiz = quiz or QuizSettings()
        return cls(
            lang=lang or DEFAULT_LANGUAGE,
            questions=quiz.questions,
            group_timeout=quiz.group_timeout_seconds,
            solo_timeout=quiz.solo_timeout_seconds,
        )


class Engine:
    """One loaded content folder with its answering index and its quizzes.

    The matcher and the quiz service are built lazily, once each: a CLI command that only
    quizzes never indexes the course, and one that only answers never reads ``quiz.yaml``.
    :meth:`CourseApp.load` builds both before an engine serves, off any event loop.
    """

    def __init__(
        self,
        content: Content,
        thresholds: Thresholds | None = None,
        *,
        store: QuizStore | None = None,
        quiz: QuizOptions | None = None,
        dense: DenseFactory | None = None,
    ) -> None:
        self.content = content
        self.thresholds = thresholds
        self.store = store
        self.quiz_options = quiz or QuizOptions()
        self.dense = dense

    # ------------------------------------------------------------------ content

    @property
    def content_dir(self) -> str:
        """The folder the content was read from."""
        return self.content.folder

    @property
    def course(self) -> Course:
        """The loaded modules."""
        return self.content.course

    @property
    def faq(self) -> list[FaqEntry]:
        """``faq.yaml``'s good entries."""
        return list(self.content.faq)

    @property
    def synonyms(self) -> tuple[tuple[str, ...], ...]:
        """``synonyms.yaml``'s groups, parsed once for search and quizzes."""
        return self.content.synonyms

    @property
    def problems(self) -> list[Problem]:
        """The problems of the modules, ``synonyms.yaml`` and ``faq.yaml`` (not ``quiz.yaml``'s:
        see :attr:`quiz_problems`)."""
        return list(self.content.problems)

    @property
    def errors(self) -> list[Problem]:
        """The problems that are errors."""
        return errors_in(self.problems)

    # ------------------------------------------------------------------ search

    @cached_property
    def matcher(self) -> Matcher:
        """The answering index, built once per load."""
        return build_matcher(self.content, self.thresholds, self.dense)

    # ------------------------------------------------------------------ quizzes

    @cached_property
    def _quiz_bank(self) -> tuple[tuple[QuizItem, ...], tuple[Problem, ...]]:
        bank, problems = load_quiz_bank(self.content_dir, self.course, self.quiz_options.lang)
        return tuple(bank), tuple(problems)

    @property
    def quiz_bank(self) -> tuple[QuizItem, ...]:
        """The hand-written items of ``quiz.yaml``, read once per load."""
        return self._quiz_bank[0]

    @property
    def quiz_problems(self) -> list[Problem]:
        """The problems of ``quiz.yaml``."""
        return list(self._quiz_bank[1])

    @cached_property
    def quizzes(self) -> QuizService:
        """The quiz service over this content, saving answers to the engine's store: built
        once per load, and the one that keeps this load's running quizzes."""
        options = self.quiz_options
        return QuizService(
            self.course,
            self.quiz_bank,
            self.store,
            lang=options.lang,
            questions=options.questions,
            group_timeout=options.group_timeout,
            solo_timeout=options.solo_timeout,
            synonyms=self.synonyms,
        )

    def serving(
        self, store: QuizStore | None, quiz: QuizOptions, dense: DenseFactory | None = None
    ) -> Engine:
        """This engine for a front end with its own store, quiz options and dense side:
        itself when they are already its own, else a new engine sharing the parsed content,
        ``quiz.yaml``'s items and, when the search is the same, the matcher (nothing is read
        or indexed again)."""
        dense = dense or self.dense
        if store is self.store and quiz == self.quiz_options and dense is self.dense:
            return self
        other = Engine(self.content, self.thresholds, store=store, quiz=quiz, dense=dense)
        shared_parts = ("matcher", "_quiz_bank") if dense is self.dense else ("_quiz_bank",)
        for shared in shared_parts:  # built already: share, do not rebuild
            if shared in self.__dict__:
                other.__dict__[shared] = self.__dict__[shared]
        return other

    def stop(self) -> None:
        """Stop building this engine's dense index, if it is (the cache keeps what is done)."""
        matcher = self.__dict__.get("matcher")
        if matcher is not None and matcher.dense is not None:
            matcher.dense.stop()

    def wait_dense(self, seconds: float) -> bool:
        """Wait up to ``seconds`` for the dense index; True when answers are hybrid."""
        matcher = self.matcher
        return matcher.dense is not None and matcher.dense.wait(seconds)

    def warm(self) -> Engine:
        """Build the matcher and the quiz service now (slow: call it off the event loop)."""
        _ = self.matcher, self.quizzes
        return self


def thresholds_from(answer: AnswerSettings) -> Thresholds:
    """The matcher's thresholds, with the configured ones where set (0 keeps the default)."""
    default = Thresholds()
    return Thresholds(
        answer=answer.answer_score or default.answer,
        suggest=answer.suggest_score or default.suggest,
        margin=answer.margin or default.margin,
    )


def load_engine(
    content_dir: str | Path,
    thresholds: Thresholds | None = None,
    *,
    store: QuizStore | None = None,
    quiz: QuizOptions | None = None,
) -> Engine:
    """Read modules, ``synonyms.yaml`` and ``faq.yaml`` from ``content_dir`` once; the matcher
    and the quizzes are built from them on first use."""
    return Engine(load_content(content_dir), thresholds, store=store, quiz=quiz)


# ---------------------------------------------------------------------- the root


@dataclass(frozen=True)
class ReloadOutcome:
    """What a reload found: whether the new content is serving, and its problems."""

    swapped: bool
    modules: int
    sections: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """The problems that refused the reload."""
        return errors_in(self.problems)


def reload_problems(engine: Engine) -> list[Problem]:
    """The problems of a reloaded engine, as the reload policy weighs them: a broken entry of
    ``faq.yaml``, ``synonyms.yaml`` or ``quiz.yaml`` is skipped, not a reason to keep serving
    the old course, so it is only a warning. A module that fails to load is an error, since
    its passages would vanish, and so is one of those files when it cannot be read at all (a
    YAML syntax error): every entry would vanish."""
    return [
        replace(p, severity="warning")
        if p.path.endswith((".yaml", ".yml")) and not p.whole_file
        else p
        for p in [*engine.problems, *engine.quiz_problems]
    ]


class CourseApp:
    """The composition root: the settings, the store, and the engine serving now.

    CLI commands, the terminal chat and the Discord bot all hold one; ``reload`` replaces its
    engine atomically, and only when the new content loads without errors.
    """

    def __init__(
        self,
        engine: Engine,
        settings: Settings | None = None,
        store: QuizStore | None = None,
        lang: str | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self.store = store
        self.quiz_options = QuizOptions.of(self.settings.quiz, lang or self.settings.language)
        self.dense = dense_factory(self.settings)
        self.engine = engine.serving(store, self.quiz_options, self.dense)
        # Two reloads at once would each build an engine and the later swap would win at
        # random; one at a time, the last one asked reads the files last.
        self._reload_lock = threading.Lock()

    @classmethod
    def load(
        cls,
        content_dir: str | Path | None = None,
        settings: Settings | None = None,
        store: QuizStore | None = None,
        lang: str | None = None,
    ) -> CourseApp:
        """Load ``content_dir`` (default: the configured folder) with the configured
        thresholds and quiz settings, matcher and quizzes built now (slow: off the event
        loop)."""
        settings = settings or Settings()
        folder = content_dir if content_dir is not None else settings.content_dir
        app = cls(
            Engine(load_content(folder), thresholds_from(settings.answer)), settings, store, lang
        )
        app.engine.warm()
        return app

    @property
    def quizzes(self) -> QuizService:
        """The quiz service of the engine serving now."""
        return self.engine.quizzes

    def _load(self, folder: str) -> Engine:
        engine = Engine(
            load_content(folder),
            thresholds_from(self.settings.answer),
            store=self.store,
            quiz=self.quiz_options,
            dense=self.dense,
        )
        return engine.warm()

    def reload(self) -> ReloadOutcome:
        """Re-read the content folder and its quizzes; swap them in only when every module
        loads (see :func:`reload_problems`). Slow: call it off the event loop.

        Quizzes already running keep their items and finish on the service that started them;
        new quizzes use the new content.
        """
        with self._reload_lock:
            folder = self.engine.content_dir
            new = self._load(folder)
            problems = reload_problems(new)
            course = new.course
            outcome = ReloadOutcome(
                swapped=not errors_in(problems),
                modules=len(course.modules),
                sections=sum(1 for _ in course.sections()),
                problems=problems,
            )
            if outcome.swapped:
                # Most of the new dense index comes from the cache: wait a little for it, so
                # that answers do not fall back to lexical for the moments it takes.
                new.wait_dense(RELOAD_WAIT)
                old, self.engine = self.engine, new
                old.stop()
                log.info("content reloaded from %s: %d modules", folder, outcome.modules)
            else:
                new.stop()
                log.warning("reload refused, %d errors; old content kept", len(outcome.errors))
            return outcome
