"""Quiz sessions: one object per quiz with an explicit lifecycle, and no front end in it.

Lifecycle: ``start()`` opens question 1 (state ``asking``); an answer, a skip or ``expire()``
after the deadline closes it with a :class:`Reveal` (state ``revealed``); ``next()`` opens the
next question, or returns None when none is left; ``finish()`` computes the result, then clears
the running state (state ``finished``). Time comes from an injected clock, and nothing here
waits: a front end calls ``expire()`` when its timer fires.

A :class:`SoloQuiz` is one student at their own pace; a :class:`GroupQuiz` is one channel where
the first correct answer scores and everyone sees the reveal. Each answer is handed to a
``Recorder`` (the store, through :mod:`bot.quiz.service`); when saving fails the answer still
counts and the submission carries ``save_error`` for the front end to show.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from bot.quiz.grading import DIFFERENT, EXACT, Grade, grade, names_part_of
from bot.quiz.items import MCQ, TRUE_FALSE, QuizItem, Source, true_false_reply
from bot.quiz.ports import StorageUnavailable
from bot.text.normalise import fold

READY, ASKING, REVEALED, FINISHED = "ready", "asking", "revealed", "finished"
# Reveal outcomes and submission statuses.
CORRECT, WRONG, TIMEOUT, SKIPPED = "correct", "wrong", "timeout", "skipped"
INVALID, ALREADY_ANSWERED, CLOSED = "invalid", "already_answered", "closed"
SOLO, GROUP = "solo", "group"
LETTERS = "ABCDEFGH"
# A group game ends by itself after this many questions in a row closed by their timer without
# a single answer: nobody is playing any more, and the channel takes one game at a time.
ABANDONED_AFTER = 3
# What a reply means when it is no answer: a request for help on answering, or giving up.
HELP, PASS = "help", "pass"
# Replies (folded, punctuation as spaces) asking how to answer; a reply with no letter or digit
# at all ("?", "🐳") asks it too.
HELP_REPLIES = frozenset({"aide", "help", "indice", "hint", "comment", "quoi", "hein"})
# Replies that give up on the question: a pass, not a wrong answer.
PASS_REPLIES = frozenset(
    {
        "je sais pas",
        "je ne sais pas",
        "j sais pas",
        "sais pas",
        "jsp",
        "je ne sais plus",
        "aucune idee",
        "pas d idee",
        "je passe",
        "passe",
        "joker",
        "i don t know",
        "i dont know",
        "dont know",
        "don t know",
        "idk",
        "no idea",
        "pass",
        "skip",
    }
)


@dataclass(frozen=True)
class Question:
    """An open question: its item, its place in the quiz and its deadline (epoch seconds)."""

    index: int  # 1-based
    total: int
    item: QuizItem
    opened_at: float
    deadline: float | None


@dataclass(frozen=True)
class Reveal:
    """What everyone sees when a question closes: the outcome, the answer and why."""

    question: Question
    outcome: str  # correct, wrong, timeout or skipped
    winner: str | None  # the player whose answer was right
    grade: Grade | None  # the deciding answer's grade (None on timeout or skip)
    closed_at: float

    @property
    def expected(self) -> str:
        return self.question.item.answer

    @property
    def explanation(self) -> str:
        return self.question.item.explanation

    @property
    def source(self) -> Source:
        return self.question.item.source


@dataclass(frozen=True)
class Submission:
    """The result of one answer: its status, its grade, and the reveal when it closed the
    question. ``save_error`` says why the answer could not be saved (the store is down)."""

    status: str  # correct, wrong, invalid, already_answered, closed, timeout or skipped
    player_id: str
    grade: Grade | None = None
    reveal: Reveal | None = None
    save_error: str | None = None


@dataclass(frozen=True)
class AnswerEvent:
    """One graded answer, as handed to the recorder."""

    player_id: str
    item: QuizItem
    answer: str
    correct: bool
    reason: str
    mode: str
    at: float
    points: int = 0  # 1 for the answer that wins a group question


class Recorder(Protocol):
    """Saves answers; raises :class:`bot.quiz.ports.StorageUnavailable` when it cannot."""

    def record(self, event: AnswerEvent) -> None: ...


@dataclass(frozen=True)
class QuizSummary:
    """The end of a solo quiz: score, time, and the sections to reread."""

    player_id: str
    score: int
    asked: int  # questions closed (answered, skipped or timed out)
    total: int  # questions in the quiz
    duration_seconds: float
    to_review: tuple[Source, ...]  # sections of the questions missed, once each, in order
    reveals: tuple[Reveal, ...]
    module_id: str | None = None  # None for a review quiz over the whole course


@dataclass(frozen=True)
class PlayerRow:
    """One line of a group result table."""

    player_id: str
    name: str
    points: int
    attempts: int  # questions answered, however many tries a typed one took
    wrong: int  # of those, the ones missed
    answer_seconds: float  # time taken by the winning answers, to break ties


@dataclass(frozen=True)
class GroupResult:
    """The end of a group quiz: the table (best first), and what nobody found."""

    channel_id: str
    rows: tuple[PlayerRow, ...]
    asked: int
    total: int
    duration_seconds: float
    to_review: tuple[Source, ...]
    reveals: tuple[Reveal, ...]


def read_choice(item: QuizItem, text: str) -> int | None:
    """The option a reply picks: a letter (``b``), a number (``2``), a true/false word, the
    option's text (graded, so "image docker" picks "Image Docker"), or words of one option
    only ("conteneur" picks "Conteneur Docker" beside "Image Docker") that the question does
    not show; None when it picks none or could mean several."""
    if not item.options:
        return None
    reply = fold(text).strip().rstrip(".)").strip()
    if item.kind == TRUE_FALSE:
        said = true_false_reply(text)
        if said is not None:
            return 0 if said else 1
    count = len(item.options)
    if len(reply) == 1 and reply.upper() in LETTERS[:count]:
        return LETTERS.index(reply.upper())
    if reply.isdigit() and 1 <= int(reply) <= count:
        return int(reply) - 1
    matches = [i for i, option in enumerate(item.options) if grade(option, text).accepted]
    # Words the question itself shows pick nothing: "volumes" for "Que désigne « Différences
    # clés avec les volumes » ?" would otherwise pick whichever option happens to say volumes.
    if not matches and not names_part_of(item.prompt, text):
        matches = [i for i, option in enumerate(item.options) if names_part_of(option, text)]
    return matches[0] if len(matches) == 1 else None


def reply_intent(text: str) -> str | None:
    """``HELP`` for a reply asking how to answer ("?", "aide", "/aide", an emoji alone),
    ``PASS`` for one giving up ("je sais pas", "I don't know"), None for an answer."""
    key = " ".join(re.sub(r"[\W_]+", " ", fold(text)).split())
    if not key or key in HELP_REPLIES:
        return HELP
    return PASS if key in PASS_REPLIES else None


def no_answer(item: QuizItem, text: str, graded: Grade | None) -> str | None:
    """What a reply to ``item`` means when it is not accepted as an answer: ``HELP``, ``PASS``
    (see :func:`reply_intent`) or None, a plain answer."""
    return None if graded is not None and graded.accepted else reply_intent(text)


def check_answer(item: QuizItem, text: str) -> Grade | None:
    """Grade a reply to ``item``; None when a choice question's reply picks no option."""
    if item.options is None:
        return grade(item.answer, text, item.accepted, vocabulary=item.vocabulary)
    choice = read_choice(item, text)
    if choice is None:
        return None
    picked = item.options[choice]
    right = choice == item.answer_index
    return Grade(right, EXACT if right else DIFFERENT, item.answer, item.answer, picked)


@dataclass
class _Player:
    name: str
    points: int = 0
    attempts: int = 0
    wrong: int = 0
    answer_seconds: float = 0.0
    tried: set[int] = field(default_factory=set)  # questions already answered


class QuizGame:
    """The lifecycle shared by solo and group quizzes."""

    mode = SOLO

    def __init__(
        self,
        items: Sequence[QuizItem],
        *,
        timeout_seconds: float | None = None,
        clock: Callable[[], float] = time.time,
        recorder: Recorder | None = None,
        seed: int | None = None,
        module_id: str | None = None,
        requested: int | None = None,
    ) -> None:
        if not items:
            raise ValueError("a quiz needs at least one item")
        self.items = tuple(items)
        # The length asked for: more than the items when the bank had fewer facts.
        self.requested = max(requested or 0, len(self.items))
        self.timeout_seconds = timeout_seconds
        self.clock = clock
        self.recorder = recorder
        self.seed = seed  # the seed the items were drawn with, to replay a quiz
        self.module_id = module_id  # None for a review quiz over the whole course
        self.state = READY
        self.save_error: str | None = None  # why the last answer could not be saved, if it was not
        self.unrecorded: set[str] = set()  # players who had their data deleted mid-game
        self.current: Question | None = None
        self.reveals: list[Reveal] = []
        self.started_at: float | None = None
        self._index = -1

    @property
    def total(self) -> int:
        return len(self.items)

    def start(self) -> Question:
        """Open the first question."""
        if self.state != READY:
            raise RuntimeError(f"cannot start a quiz in state {self.state}")
        self.started_at = self.clock()
        return self._open()

    def next(self) -> Question | None:
        """Open the next question once the current one is closed; None when none is left."""
        if self.state != REVEALED:
            raise RuntimeError(f"cannot move on in state {self.state}")
        if self._index + 1 >= len(self.items):
            return None
        return self._open()

    def expire(self, now: float | None = None) -> Reveal | None:
        """Close the open question if its deadline has passed (a front end's timer calls this)."""
        now = self.clock() if now is None else now
        question = self.current
        if self.state != ASKING or question is None or question.deadline is None:
            return None
        if now < question.deadline:
            return None
        return self._close(TIMEOUT, None, None, now)

    def skip(self) -> Reveal | None:
        """Close the open question without an answer (``save_error`` tells if saving failed)."""
        if self.state != ASKING:
            return None
        return self._close(SKIPPED, None, None, self.clock())

    def _open(self) -> Question:
        self._index += 1
        now = self.clock()
        deadline = now + self.timeout_seconds if self.timeout_seconds else None
        self.current = Question(
            self._index + 1, len(self.items), self.items[self._index], now, deadline
        )
        self.state = ASKING
        return self.current

    def _close(self, outcome: str, winner: str | None, graded: Grade | None, now: float) -> Reveal:
        assert self.current is not None
        reveal = Reveal(self.current, outcome, winner, graded, now)
        self.reveals.append(reveal)
        self.state = REVEALED
        return reveal

    def stop_recording(self, player_id: str) -> None:
        """Save none of this player's later answers: they asked for their data to be deleted
        while the game runs. They may still play; the game's own table still counts them."""
        self.unrecorded.add(player_id)

    def _record(self, event: AnswerEvent) -> str | None:
        """Hand the answer to the recorder; the reason it failed, or None."""
        self.save_error = None
        if self.recorder is not None and event.player_id not in self.unrecorded:
            try:
                self.recorder.record(event)
            except StorageUnavailable as exc:
                self.save_error = str(exc)
        return self.save_error

    def _event(
        self, player_id: str, text: str, correct: bool, reason: str, points: int = 0
    ) -> AnswerEvent:
        assert self.current is not None
        return AnswerEvent(
            player_id, self.current.item, text, correct, reason, self.mode, self.clock(), points
        )

    def _duration(self) -> float:
        return self.clock() - self.started_at if self.started_at is not None else 0.0

    def _to_review(self) -> tuple[Source, ...]:
        seen: dict[tuple[str, str | None], Source] = {}
        for reveal in self.reveals:
            if reveal.outcome != CORRECT:
                source = reveal.source
                seen.setdefault((source.module, source.section), source)
        return tuple(seen.values())

    def _clear(self) -> None:
        self.current = None
        self.state = FINISHED


class SoloQuiz(QuizGame):
    """One student at their own pace; an unanswered question times out after the deadline."""

    mode = SOLO

    def __init__(self, items: Sequence[QuizItem], player_id: str, **options) -> None:
        super().__init__(items, **options)
        self.player_id = player_id
        self.result: QuizSummary | None = None

    def answer(self, text: str) -> Submission:
        """Grade the student's reply to the open question and close it."""
        if self.state != ASKING or self.current is None:
            return Submission(CLOSED, self.player_id)
        late = self.expire()
        if late is not None:
            return Submission(TIMEOUT, self.player_id, reveal=late, save_error=self.save_error)
        graded = check_answer(self.current.item, text)
        intent = no_answer(self.current.item, text, graded)
        if intent == PASS:
            # "Je sais pas" is a pass, as /passer is: the reveal, no wrong answer on record.
            reveal = self.skip()
            return Submission(SKIPPED, self.player_id, reveal=reveal, save_error=self.save_error)
        if graded is None or intent == HELP:
            return Submission(INVALID, self.player_id)  # asked again, with how to answer
        error = self._record(self._event(self.player_id, text, graded.accepted, graded.reason))
        outcome = CORRECT if graded.accepted else WRONG
        reveal = self._close(
            outcome, self.player_id if graded.accepted else None, graded, self.clock()
        )
        return Submission(outcome, self.player_id, graded, reveal, error)

    def _close(self, outcome: str, winner: str | None, graded: Grade | None, now: float) -> Reveal:
        # A skipped or timed-out question counts as missed, so review brings it back.
        if outcome in (TIMEOUT, SKIPPED):
            self._record(self._event(self.player_id, "", False, outcome))
        return super()._close(outcome, winner, graded, now)

    def finish(self) -> QuizSummary:
        """The summary (computed once, before the running state is cleared)."""
        if self.result is None:
            self.result = QuizSummary(
                player_id=self.player_id,
                score=sum(1 for r in self.reveals if r.outcome == CORRECT),
                asked=len(self.reveals),
                total=len(self.items),
                duration_seconds=self._duration(),
                to_review=self._to_review(),
                reveals=tuple(self.reveals),
                module_id=self.module_id,
            )
            self._clear()
        return self.result


class GroupQuiz(QuizGame):
    """One question at a time for a channel: the first correct answer scores and closes it.

    A choice question takes one answer per player (clicking every button is no strategy); a
    typed question takes any number until someone is right or time is up, but only each
    player's outcome is recorded and counted in the table: right if they found it in the end,
    else their last wrong try, saved when the question closes. After
    ``ABANDONED_AFTER`` questions in a row that nobody answered at all, the game is
    ``abandoned`` and ``next()`` opens no more questions.
    """

    mode = GROUP

    def __init__(self, items: Sequence[QuizItem], channel_id: str, **options) -> None:
        super().__init__(items, **options)
        self.channel_id = channel_id
        self.players: dict[str, _Player] = {}
        self.result: GroupResult | None = None
        self.unanswered_in_a_row = 0
        self._heard = False  # someone answered the open question, even wrongly
        # Each player's last wrong try at the open typed question, saved as a miss when the
        # question closes unless they find the answer first: retries are not extra answers.
        self._missed: dict[str, AnswerEvent] = {}

    @property
    def abandoned(self) -> bool:
        """Whether the last questions went by without a single answer."""
        return self.unanswered_in_a_row >= ABANDONED_AFTER

    def next(self) -> Question | None:
        """Open the next question; None when none is left or the game is abandoned."""
        if self.state == REVEALED and self.abandoned:
            return None
        return super().next()

    def _open(self) -> Question:
        self._heard = False
        return super()._open()

    def _settle_misses(self) -> None:
        """Save the wrong tries of the players who never found the open question's answer."""
        missed, self._missed = self._missed, {}
        for player_id, event in missed.items():
            self.players[player_id].wrong += 1
            self._record(event)

    def _close(self, outcome: str, winner: str | None, graded: Grade | None, now: float) -> Reveal:
        self._settle_misses()
        silent = outcome == TIMEOUT and not self._heard
        self.unanswered_in_a_row = self.unanswered_in_a_row + 1 if silent else 0
        return super()._close(outcome, winner, graded, now)

    def submit(self, player_id: str, text: str, name: str | None = None) -> Submission:
        """Take one player's answer to the open question."""
        if self.state != ASKING or self.current is None:
            return Submission(CLOSED, player_id)
        self._heard = True  # even a late answer shows someone is still playing
        late = self.expire()
        if late is not None:
            return Submission(TIMEOUT, player_id, reveal=late)
        question = self.current
        player = self.players.setdefault(player_id, _Player(name or player_id))
        if name:
            player.name = name
        choice_question = question.item.kind in (MCQ, TRUE_FALSE)
        if choice_question and question.index in player.tried:
            return Submission(ALREADY_ANSWERED, player_id)
        graded = check_answer(question.item, text)
        # "?" or "je sais pas" in a channel is no try: the question stays open for everyone.
        if graded is None or no_answer(question.item, text, graded):
            return Submission(INVALID, player_id)
        if question.index not in player.tried:
            player.tried.add(question.index)
            player.attempts += 1
        now = self.clock()
        if not graded.accepted:
            event = self._event(player_id, text, False, graded.reason)
            if not choice_question:
                self._missed[player_id] = event  # may still find it: saved at the close
                return Submission(WRONG, player_id, graded)
            player.wrong += 1
            return Submission(WRONG, player_id, graded, save_error=self._record(event))
        player.points += 1
        player.answer_seconds += now - question.opened_at
        self._missed.pop(player_id, None)
        self._settle_misses()  # before the winner's answer, in the order they were given
        error = self._record(self._event(player_id, text, True, graded.reason, points=1))
        reveal = self._close(CORRECT, player_id, graded, now)
        return Submission(CORRECT, player_id, graded, reveal, error)

    def finish(self) -> GroupResult:
        """The result table (computed once, before the players and question are cleared)."""
        if self.result is None:
            self._settle_misses()  # stopped while a question was open: those tries were misses
            rows = sorted(
                (
                    PlayerRow(
                        pid, p.name, p.points, p.attempts, p.wrong, round(p.answer_seconds, 3)
                    )
                    for pid, p in self.players.items()
                ),
                key=lambda r: (-r.points, r.answer_seconds, r.wrong, r.name),
            )
            self.result = GroupResult(
                channel_id=self.channel_id,
                rows=tuple(rows),
                asked=len(self.reveals),
                total=len(self.items),
                duration_seconds=self._duration(),
                to_review=self._to_review(),
                reveals=tuple(self.reveals),
            )
            self.players = {}
            self._clear()
        return self.result
