"""The quiz entry point for front ends: builds quizzes for a course, keeps the running ones
(one solo quiz per player, one group quiz per channel) and saves answers to the store.

A front end (terminal, Discord) holds one :class:`QuizService` per loaded course and calls:

- ``start_solo(player_id, module_id)`` / ``start_group(channel_id, module_id)`` -> a session;
- on the session: ``start()``, then ``answer(text)`` (solo) or ``submit(player, text)`` (group),
  ``expire()`` when its timer fires, ``skip()``, ``next()``;
- ``end_solo(player_id)`` / ``end_group(channel_id)`` -> the summary or result table, computed
  before the session is dropped.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from bot.course.faq import load_synonyms
from bot.course.model import Course, Problem
from bot.i18n import DEFAULT_LANGUAGE, t
from bot.quiz.bank import load_quiz_bank
from bot.quiz.generate import Generator
from bot.quiz.grading import Vocabulary
from bot.quiz.items import HANDWRITTEN, MCQ, TRUE_FALSE, TYPED, QuizItem
from bot.quiz.ports import Attempt, QuizStore
from bot.quiz.review import review_order, schedule
from bot.quiz.session import AnswerEvent, GroupQuiz, GroupResult, QuizSummary, SoloQuiz
from bot.quiz.terms import Synonyms, answer_key, same_topic, synonym_variants

DEFAULT_QUESTIONS = 5
DEFAULT_GROUP_TIMEOUT = 30.0
DEFAULT_SOLO_TIMEOUT = 600.0


class QuizError(ValueError):
    """A quiz that cannot start; the message is for logs, front ends match the subclass."""


class UnknownModule(QuizError):
    """No module has this id."""


class NoItems(QuizError):
    """The module (or course) yields no quiz item."""


class QuizRunning(QuizError):
    """This player or channel already has a quiz running: end it first."""


def new_seed() -> int:
    """A fresh random seed, kept on the session so a quiz can be replayed."""
    return random.SystemRandom().randrange(2**32)


def _by_fact(items: Sequence[QuizItem]) -> dict[str, list[QuizItem]]:
    """The items of each fact (key), facts in the order they first appear."""
    variants: dict[str, list[QuizItem]] = {}
    for item in items:
        variants.setdefault(item.key, []).append(item)
    return variants


def pick(
    items: Sequence[QuizItem], n: int, rng: random.Random, synonyms: Synonyms = ()
) -> list[QuizItem]:
    """Up to ``n`` items in random order, never two testing the same fact (key) nor asking
    about the same thing (see :func:`distinct`). A bank with fewer facts than ``n`` gives a
    shorter quiz."""
    variants = _by_fact(items)
    keys = list(variants)
    rng.shuffle(keys)
    return distinct(keys, variants, n, rng, synonyms)


def distinct(
    keys: Sequence[str],
    variants: dict[str, list[QuizItem]],
    n: int,
    rng: random.Random,
    synonyms: Synonyms = (),
) -> list[QuizItem]:
    """One item for each of the first facts of ``keys``, up to ``n``, leaving out a fact about
    what an earlier one asks about ("Docker Hub" from two bullets, a command and the same
    command with a flag): the reveal of the first would give the second away."""
    chosen: list[QuizItem] = []
    for key in keys:
        if len(chosen) == n:
            break
        item = rng.choice(variants[key])
        if not any(same_topic(item.about, other.about, synonyms) for other in chosen):
            chosen.append(item)
    return chosen


class _StoreRecorder:
    """Saves each answer of a session with its new review state (see bot.quiz.session.Recorder)."""

    def __init__(self, store: QuizStore, guild_id: int | None) -> None:
        self.store = store
        self.guild_id = guild_id

    def record(self, event: AnswerEvent) -> None:
        item = event.item
        state = schedule(
            self.store.review_state(event.player_id, item.key), event.correct, event.at
        )
        attempt = Attempt(
            user_id=event.player_id,
            guild_id=self.guild_id,
            item_key=item.key,
            module_id=item.source.module,
            section_id=item.source.section,
            kind=item.kind,
            answer=event.answer,
            correct=event.correct,
            reason=event.reason,
            mode=event.mode,
            at=event.at,
            points=event.points,
        )
        self.store.record_answer(attempt, state)


class QuizService:
    """Quizzes over one course, its ``quiz.yaml`` items and (optionally) a store."""

    def __init__(
        self,
        course: Course,
        bank: Sequence[QuizItem] = (),
        store: QuizStore | None = None,
        *,
        lang: str = DEFAULT_LANGUAGE,
        questions: int = DEFAULT_QUESTIONS,
        group_timeout: float = DEFAULT_GROUP_TIMEOUT,
        solo_timeout: float = DEFAULT_SOLO_TIMEOUT,
        clock: Callable[[], float] = time.time,
        synonyms: Sequence[Sequence[str]] = (),
    ) -> None:
        self.course = course
        # A typed answer may use another term of a synonym group ("container" for
        # "conteneur"): the course's own synonyms.yaml says they mean the same.
        self.synonyms = tuple(tuple(group) for group in synonyms)
        self.bank = tuple(bank)
        answers = [a for i in self.bank if i.kind != TRUE_FALSE for a in i.options or i.answers]
        self.vocabulary = Vocabulary.from_course(course, answers, self.synonyms)
        self.store = store
        self.lang = lang
        self.questions = questions
        self.group_timeout = group_timeout
        self.solo_timeout = solo_timeout
        self.clock = clock
        self._generators: dict[str, Generator] = {}
        self._quizzable: tuple[str, ...] | None = None
        self._solo: dict[str, SoloQuiz] = {}
        self._group: dict[str, GroupQuiz] = {}

    @classmethod
    def from_content(
        cls, content_dir: str | Path, course: Course, store: QuizStore | None = None, **options
    ) -> tuple[QuizService, list[Problem]]:
        """A service with the hand-written items of ``content_dir/quiz.yaml`` and the groups of
        ``synonyms.yaml``, and the quiz file's problems."""
        bank, problems = load_quiz_bank(content_dir, course, options.get("lang", DEFAULT_LANGUAGE))
        synonyms, _ = load_synonyms(content_dir)  # its problems are the matcher's to report
        return cls(course, bank, store, synonyms=synonyms, **options), problems

    # --------------------------------------------------------------------- items

    def generator(self, lang: str | None = None, *, whole: bool = False) -> Generator:
        """The item generator of one language (built once: it indexes the whole course);
        ``whole`` for one that never cuts a definition (exports)."""
        lang = lang or self.lang
        key = f"{lang}/whole" if whole else lang
        if key not in self._generators:
            self._generators[key] = Generator(self.course, lang, self.synonyms, whole=whole)
        return self._generators[key]

    def items(
        self,
        module_id: str | None,
        rng: random.Random,
        lang: str | None = None,
        *,
        whole: bool = False,
    ) -> list[QuizItem]:
        """The whole bank of a module (or of the course): generated and hand-written items;
        ``whole`` keeps every option and prompt uncut, for an export."""
        if module_id is not None and self.course.module(module_id) is None:
            raise UnknownModule(module_id)
        lang = lang or self.lang
        generator = self.generator(lang, whole=whole)
        generated = (
            generator.course_items(rng)
            if module_id is None
            else generator.module_items(module_id, rng)
        )
        handwritten = [
            self._localized(item, lang, rng)
            for item in self.bank
            if module_id is None or item.source.module == module_id
        ]
        return [self._with_synonyms(item) for item in generated + handwritten]

    def quizzable(self) -> tuple[str, ...]:
        """The ids of the modules that have quiz items, in course order (computed once: front
        ends offer only these, not a module that would answer "no question available")."""
        if self._quizzable is None:
            rng = random.Random(0)
            self._quizzable = tuple(
                m.id for m in self.course.modules if self.items(m.id, rng, self.lang)
            )
        return self._quizzable

    def _with_synonyms(self, item: QuizItem) -> QuizItem:
        """A typed item that also accepts its answers with a term swapped for a synonym."""
        if item.kind != TYPED:
            return item
        item = replace(item, vocabulary=self.vocabulary)
        if not self.synonyms:
            return item
        extra = [v for a in item.answers for v in synonym_variants(a, self.synonyms)]
        known = {answer_key(a) for a in item.answers}
        extra = list(dict.fromkeys(v for v in extra if answer_key(v) not in known))
        return replace(item, accepted=(*item.accepted, *extra)) if extra else item

    def build(
        self,
        module_id: str | None = None,
        *,
        n: int | None = None,
        seed: int | None = None,
        player_id: str | None = None,
        lang: str | None = None,
    ) -> list[QuizItem]:
        """The items of one quiz, at most ``n`` (default: the configured length; front ends
        check what users type) and one per fact. Without a module and with a player and a
        store, facts the player missed or must review come first (spaced review); otherwise a
        random draw."""
        n = self.length(n)
        rng = random.Random(seed)
        bank = self.items(module_id, rng, lang)
        if not bank:
            raise NoItems(module_id or "course")
        if module_id is None and player_id is not None and self.store is not None:
            variants = _by_fact(bank)
            states = self.store.review_states(player_id)
            order = review_order(list(variants), states, self.clock(), rng)
            return distinct(order, variants, n, rng, self.synonyms)
        return pick(bank, n, rng, self.synonyms)

    def length(self, n: int | None) -> int:
        """The number of questions asked for: ``n``, or the configured length."""
        n = self.questions if n is None else n
        if n < 1:
            raise ValueError(f"a quiz needs at least one question, not {n}")
        return n

    @staticmethod
    def _localized(item: QuizItem, lang: str, rng: random.Random) -> QuizItem:
        """A hand-written item in ``lang`` (true/false words), its options in a drawn order."""
        if item.kind == TRUE_FALSE:
            words = (t("quiz_true", lang), t("quiz_false", lang))
            return replace(item, options=words, answer=words[item.answer_index or 0])
        if item.kind == MCQ and item.origin == HANDWRITTEN and item.options:
            options = list(item.options)
            rng.shuffle(options)  # a TA writes the answer first; students should not learn that
            return replace(item, options=tuple(options))
        return item

    # ------------------------------------------------------------------- sessions

    def start_solo(
        self,
        player_id: str,
        module_id: str | None = None,
        *,
        n: int | None = None,
        seed: int | None = None,
        guild_id: int | None = None,
        lang: str | None = None,
    ) -> SoloQuiz:
        """Register a new solo quiz for ``player_id`` (not started: call ``start()``)."""
        if player_id in self._solo:
            raise QuizRunning(player_id)
        seed = new_seed() if seed is None else seed
        items = self.build(module_id, n=n, seed=seed, player_id=player_id, lang=lang)
        quiz = SoloQuiz(
            items,
            player_id,
            requested=self.length(n),
            timeout_seconds=self.solo_timeout,
            clock=self.clock,
            recorder=self._recorder(guild_id),
            seed=seed,
            module_id=module_id,
        )
        self._solo[player_id] = quiz
        return quiz

    def start_group(
        self,
        channel_id: str,
        module_id: str | None = None,
        *,
        n: int | None = None,
        seed: int | None = None,
        guild_id: int | None = None,
        lang: str | None = None,
        timeout_seconds: float | None = None,
    ) -> GroupQuiz:
        """Register a new group quiz for ``channel_id`` (not started: call ``start()``)."""
        if channel_id in self._group:
            raise QuizRunning(channel_id)
        seed = new_seed() if seed is None else seed
        items = self.build(module_id, n=n, seed=seed, lang=lang)
        game = GroupQuiz(
            items,
            channel_id,
            requested=self.length(n),
            timeout_seconds=timeout_seconds or self.group_timeout,
            clock=self.clock,
            recorder=self._recorder(guild_id),
            seed=seed,
            module_id=module_id,
        )
        self._group[channel_id] = game
        return game

    def solo(self, player_id: str) -> SoloQuiz | None:
        """The running solo quiz of a player."""
        return self._solo.get(player_id)

    def group(self, channel_id: str) -> GroupQuiz | None:
        """The running group quiz of a channel."""
        return self._group.get(channel_id)

    def end_solo(self, player_id: str) -> QuizSummary | None:
        """Finish and drop a player's quiz; its summary (None when none was running)."""
        quiz = self._solo.pop(player_id, None)
        return quiz.finish() if quiz else None

    def end_group(self, channel_id: str) -> GroupResult | None:
        """Finish and drop a channel's quiz; its result table (None when none was running)."""
        game = self._group.pop(channel_id, None)
        return game.finish() if game else None

    def _recorder(self, guild_id: int | None) -> _StoreRecorder | None:
        return _StoreRecorder(self.store, guild_id) if self.store is not None else None
