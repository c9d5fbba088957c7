"""Quiz sessions without any front end: a full solo quiz, a group game (first correct answer
scores, one choice per player, timeouts, the result table), and answers that cannot be saved."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.quiz.items import MCQ, TRUE_FALSE, TYPED, QuizItem, Source
from bot.quiz.session import (
    ABANDONED_AFTER,
    ALREADY_ANSWERED,
    ASKING,
    CLOSED,
    CORRECT,
    FINISHED,
    INVALID,
    REVEALED,
    SKIPPED,
    TIMEOUT,
    WRONG,
    AnswerEvent,
    GroupQuiz,
    SoloQuiz,
    check_answer,
    read_choice,
)
from bot.store import StoreUnavailable


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class Recorder:
    def __init__(self, fail: bool = False) -> None:
        self.events: list[AnswerEvent] = []
        self.fail = fail

    def record(self, event: AnswerEvent) -> None:
        if self.fail:
            raise StoreUnavailable("cannot write to the database: disk full")
        self.events.append(event)


def _source(section: str) -> Source:
    return Source("3.1", section, f"Section {section}", f"content/3.1.md:{section[-1]}")


IMAGE = QuizItem(
    MCQ,
    "Quel terme ?",
    "Image Docker",
    "Image Docker : un modèle immuable.",
    _source("3.1.2"),
    "3.1/p/image-docker",
    ("Conteneur Docker", "Image Docker", "Instance"),
)
CONTAINER = QuizItem(
    TRUE_FALSE,
    "Cette affirmation est-elle exacte ?",
    "Faux",
    "Conteneur Docker : une instance.",
    _source("3.1.3"),
    "3.1/p/conteneur-docker",
    ("Vrai", "Faux"),
)
PUSH = QuizItem(
    TYPED,
    "Complétez : ____ envoie une image.",
    "docker push",
    "docker push envoie une image.",
    _source("3.1.4"),
    "3.1/b/docker-push",
)
RUN = QuizItem(
    MCQ,
    "Quelle commande lance un conteneur en arrière-plan ?",
    "docker run -d",
    "docker run -d lance un conteneur détaché.",
    _source("3.1.3"),
    "3.1/b/docker-run-d",
    ("docker run -d", "docker ps", "docker rm"),
)
IMMUTABLE = QuizItem(
    TYPED,
    "Quel adjectif ?",
    "immuable",
    "L'image est immuable.",
    _source("3.1.2"),
    "3.1/q/immuable",
    accepted=("inaltérable",),
)


@pytest.mark.parametrize(
    ("item", "reply", "choice"),
    [
        (IMAGE, "b", 1),
        (IMAGE, "B.", 1),
        (IMAGE, "2", 1),
        (IMAGE, "image docker", 1),
        (IMAGE, "conteneur docker", 0),
        (IMAGE, "e", None),
        (IMAGE, "7", None),
        (IMAGE, "une réponse", None),
        # Words of a single option pick it, with the typed grader's tolerance...
        (IMAGE, "conteneur", 0),
        (IMAGE, "le CONTENEUR", 0),
        (IMAGE, "conteneurs", 0),
        (IMAGE, "conteneru", 0),
        (IMAGE, "image", 1),
        # ...words of several options pick none.
        (IMAGE, "docker", None),
        (IMAGE, "conteneur image", None),
        (RUN, "docker run -d", 0),
        (RUN, "docker run", None),  # a command is chosen whole: its flags matter
        (RUN, "run", None),
        (CONTAINER, "faux", 1),
        (CONTAINER, "Vrai", 0),
        (CONTAINER, "false", 1),
        (CONTAINER, "F", 1),
        (CONTAINER, "b", 1),
        (CONTAINER, "peut-être", None),
    ],
)
def test_read_choice(item, reply, choice):
    assert read_choice(item, reply) == choice


def test_words_the_question_shows_pick_no_option():
    from dataclasses import replace

    shown = replace(IMAGE, prompt="Quel terme désigne un modèle pour créer un conteneur ?")
    assert read_choice(shown, "conteneur") is None  # the question says it, not the student
    assert read_choice(shown, "image") == 1
    assert read_choice(shown, "conteneur docker") == 0  # the whole option still picks it


def test_check_answer_grades_typed_items_with_their_accepted_answers():
    assert check_answer(PUSH, "docker push").accepted
    assert check_answer(PUSH, "docker pull").reason == "technical"
    assert check_answer(IMMUTABLE, "inalterable").accepted
    assert check_answer(IMAGE, "a").accepted is False
    assert check_answer(IMAGE, "nonsense") is None


def test_a_full_solo_quiz():
    clock, recorder = Clock(), Recorder()
    quiz = SoloQuiz(
        [IMAGE, CONTAINER, PUSH, IMMUTABLE],
        "alice",
        clock=clock,
        recorder=recorder,
        timeout_seconds=600,
    )
    first = quiz.start()
    assert (first.index, first.total, first.item, quiz.state) == (1, 4, IMAGE, ASKING)
    assert quiz.answer("z").status == INVALID  # not an option: asked again
    clock.advance(5)
    right = quiz.answer("B")
    assert right.status == CORRECT and right.reveal.outcome == CORRECT
    assert right.reveal.explanation == IMAGE.explanation and right.reveal.source.section == "3.1.2"
    assert quiz.state == REVEALED and quiz.answer("b").status == CLOSED
    assert quiz.next().item == CONTAINER
    clock.advance(5)
    wrong = quiz.answer("vrai")
    assert wrong.status == WRONG and wrong.reveal.expected == "Faux"
    quiz.next()
    clock.advance(5)
    skipped = quiz.skip()
    assert skipped.outcome == SKIPPED and skipped.expected == "docker push"
    quiz.next()
    clock.advance(5)
    typo = quiz.answer("imuable")
    assert typo.status == CORRECT and typo.grade.reason == "typo"
    assert quiz.next() is None
    summary = quiz.finish()
    assert (summary.score, summary.asked, summary.total) == (2, 4, 4)
    assert summary.duration_seconds == 20
    assert [s.section for s in summary.to_review] == ["3.1.3", "3.1.4"]
    assert quiz.state == FINISHED and quiz.current is None
    assert quiz.finish() is summary  # computed once
    # Every answer was recorded, the skip as a miss so that it comes back.
    assert [(e.item.key, e.correct, e.reason) for e in recorder.events] == [
        ("3.1/p/image-docker", True, "exact"),
        ("3.1/p/conteneur-docker", False, "different"),
        ("3.1/b/docker-push", False, SKIPPED),
        ("3.1/q/immuable", True, "typo"),
    ]
    assert {e.mode for e in recorder.events} == {"solo"}


@pytest.mark.parametrize("reply", ["?", "help", "aide", "/aide", "🐳", "  ??  "])
def test_asking_for_help_on_a_typed_question_costs_nothing(reply):
    recorder = Recorder()
    quiz = SoloQuiz([PUSH, IMAGE], "cleo", recorder=recorder)
    quiz.start()
    assert quiz.answer(reply).status == INVALID  # asked again, with how to answer
    assert quiz.state == ASKING and recorder.events == []
    assert quiz.answer("docker push").status == CORRECT


@pytest.mark.parametrize("reply", ["je sais pas", "Je ne sais pas.", "jsp", "I don't know"])
def test_not_knowing_is_a_pass_not_a_wrong_answer(reply):
    recorder = Recorder()
    quiz = SoloQuiz([PUSH, IMAGE], "cleo", recorder=recorder)
    quiz.start()
    passed = quiz.answer(reply)
    assert passed.status == SKIPPED and passed.reveal.outcome == SKIPPED
    assert passed.grade is None and passed.reveal.expected == "docker push"
    # Saved as /passer saves it: a miss that comes back first in review.
    assert [(e.correct, e.reason, e.answer) for e in recorder.events] == [(False, SKIPPED, "")]


def test_an_answer_that_is_also_a_help_word_is_an_answer():
    help_item = QuizItem(TYPED, "Quel mot ?", "aide", "Aide.", _source("3.1.2"), "3.1/q/aide")
    quiz = SoloQuiz([help_item], "cleo")
    quiz.start()
    assert quiz.answer("aide").status == CORRECT


def test_help_or_giving_up_in_a_group_game_is_no_try():
    recorder = Recorder()
    game = GroupQuiz([PUSH], "chan", recorder=recorder)
    game.start()
    for reply in ("?", "je sais pas", "🐳"):
        assert game.submit("u1", reply, "Ana").status == INVALID
    assert game.state == ASKING and recorder.events == []
    assert game.submit("u1", "docker push", "Ana").status == CORRECT
    assert [row.attempts for row in game.finish().rows] == [1]


def test_solo_answer_after_the_deadline_times_out():
    clock, recorder = Clock(), Recorder()
    quiz = SoloQuiz([PUSH, IMAGE], "bob", clock=clock, recorder=recorder, timeout_seconds=60)
    quiz.start()
    clock.advance(61)
    late = quiz.answer("docker push")
    assert late.status == TIMEOUT and late.reveal.outcome == TIMEOUT
    assert recorder.events[0].reason == TIMEOUT and not recorder.events[0].correct
    assert quiz.next().item == IMAGE
    assert quiz.expire() is None  # not yet
    clock.advance(60)
    assert quiz.expire().outcome == TIMEOUT
    assert quiz.finish().score == 0


def test_solo_answers_still_count_when_they_cannot_be_saved():
    quiz = SoloQuiz([PUSH, IMAGE], "carol", clock=Clock(), recorder=Recorder(fail=True))
    quiz.start()
    result = quiz.answer("docker push")
    assert result.status == CORRECT
    assert "disk full" in result.save_error
    assert quiz.finish().score == 1


def test_a_session_needs_items_and_a_start():
    with pytest.raises(ValueError):
        SoloQuiz([], "dan")
    quiz = SoloQuiz([PUSH], "dan")
    with pytest.raises(RuntimeError):
        quiz.next()
    quiz.start()
    with pytest.raises(RuntimeError):
        quiz.start()


def test_group_first_correct_typed_answer_scores():
    clock, recorder = Clock(), Recorder()
    game = GroupQuiz(
        [PUSH, IMAGE, CONTAINER], "chan-1", clock=clock, recorder=recorder, timeout_seconds=30
    )
    game.start()
    clock.advance(3)
    assert game.submit("u1", "docker pull", "Ana").status == WRONG
    clock.advance(1)
    assert game.submit("u1", "docker psuh", "Ana").status == WRONG  # typed: try again
    clock.advance(2)
    win = game.submit("u2", "docker push", "Ben")
    assert win.status == CORRECT and win.reveal.winner == "u2"
    assert game.submit("u3", "docker push", "Cy").status == CLOSED  # too late: closed
    # Multiple choice: one answer per player, the first correct one wins.
    game.next()
    clock.advance(2)
    assert game.submit("u2", "a", "Ben").status == WRONG  # Conteneur Docker
    assert game.submit("u2", "b").status == ALREADY_ANSWERED
    assert game.submit("u3", "zzz", "Cy").status == INVALID  # does not use the turn
    clock.advance(3)
    assert game.submit("u3", "image docker").status == CORRECT
    # Nobody finds the last one before the deadline.
    game.next()
    clock.advance(10)
    assert game.submit("u1", "vrai").status == WRONG
    assert game.expire() is None
    clock.advance(25)
    timeout = game.expire()
    assert timeout.outcome == TIMEOUT and timeout.winner is None
    assert game.next() is None
    result = game.finish()
    assert [(r.name, r.points, r.attempts, r.wrong) for r in result.rows] == [
        ("Cy", 1, 1, 0),
        ("Ben", 1, 2, 1),
        ("Ana", 0, 2, 2),  # two tries at the typed question are one missed question
    ]
    assert result.rows[0].answer_seconds == 5 and result.rows[1].answer_seconds == 6
    assert [r.outcome for r in result.reveals] == [CORRECT, CORRECT, TIMEOUT]
    assert [s.section for s in result.to_review] == ["3.1.3"]
    assert (result.asked, result.total, result.duration_seconds) == (3, 3, 46)
    # The table was computed before the state was cleared.
    assert game.players == {} and game.state == FINISHED and game.finish() is result
    assert [(e.player_id, e.correct, e.points, e.mode) for e in recorder.events] == [
        ("u1", False, 0, "group"),
        ("u2", True, 1, "group"),
        ("u2", False, 0, "group"),
        ("u3", True, 1, "group"),
        ("u1", False, 0, "group"),
    ]


def test_a_typed_question_records_each_players_outcome_not_each_try():
    clock, recorder = Clock(), Recorder()
    game = GroupQuiz(
        [PUSH, PUSH, PUSH], "chan-5", clock=clock, recorder=recorder, timeout_seconds=30
    )
    game.start()
    for text in ("docker pull", "docker pul", "docker push"):  # Ana gets there in the end
        clock.advance(1)
        game.submit("u1", text, "Ana")
    assert [(e.player_id, e.answer, e.correct) for e in recorder.events] == [
        ("u1", "docker push", True)
    ]
    game.next()
    clock.advance(1)
    game.submit("u1", "docker pull", "Ana")
    clock.advance(1)
    game.submit("u1", "docker pul", "Ana")
    clock.advance(1)
    assert game.submit("u2", "docker push", "Ben").status == CORRECT
    clock.advance(30)
    game.next()
    game.submit("u2", "docker run", "Ben")
    assert game.expire() is None  # still open
    game.submit("u2", "docker build", "Ben")
    clock.advance(31)
    assert game.expire().outcome == TIMEOUT
    assert [(e.player_id, e.answer, e.correct, e.at) for e in recorder.events[1:]] == [
        ("u1", "docker pul", False, 1_005),  # her last try, when she gave it
        ("u2", "docker push", True, 1_006),
        ("u2", "docker build", False, 1_036),
    ]
    result = game.finish()
    assert [(r.name, r.points, r.attempts, r.wrong) for r in result.rows] == [
        ("Ana", 1, 2, 1),
        ("Ben", 1, 2, 1),
    ]


def test_a_group_game_stopped_during_a_typed_question_saves_the_misses():
    recorder = Recorder()
    game = GroupQuiz([PUSH, IMAGE], "chan-6", clock=Clock(), recorder=recorder)
    game.start()
    game.submit("u1", "docker pull", "Ana")
    game.submit("u1", "docker pul", "Ana")
    assert recorder.events == []  # she may still find it
    [row] = game.finish().rows
    assert (row.attempts, row.wrong) == (1, 1)
    assert [(e.player_id, e.answer, e.correct) for e in recorder.events] == [
        ("u1", "docker pul", False)
    ]


def test_a_player_who_deleted_their_data_plays_on_unrecorded():
    recorder = Recorder()
    game = GroupQuiz([PUSH, IMAGE], "chan-3", clock=Clock(), recorder=recorder)
    game.start()
    assert game.submit("u1", "docker pull", "Ana").status == WRONG
    game.stop_recording("u1")
    assert game.submit("u1", "docker push", "Ana").status == CORRECT
    game.next()
    assert game.submit("u2", "image docker", "Ben").status == CORRECT
    # Ana's wrong try was not saved yet when she asked: nothing of hers is.
    assert [(e.player_id, e.correct) for e in recorder.events] == [("u2", True)]
    assert ("Ana", 1) in [(r.name, r.points) for r in game.finish().rows]  # she still plays


def test_group_answer_after_the_deadline_closes_the_question():
    clock = Clock()
    game = GroupQuiz([PUSH], "chan-2", clock=clock, timeout_seconds=30)
    game.start()
    clock.advance(31)
    late = game.submit("u1", "docker push")
    assert late.status == TIMEOUT and late.reveal.outcome == TIMEOUT
    assert game.finish().rows == ()


def test_a_group_game_nobody_answers_ends_after_a_few_questions():
    clock = Clock()
    game = GroupQuiz([PUSH, IMAGE] * 5, "chan-4", clock=clock, timeout_seconds=30)

    def time_out() -> None:
        clock.advance(31)
        assert game.expire().outcome == TIMEOUT

    game.start()
    for _ in range(ABANDONED_AFTER - 1):
        time_out()
        game.next()
    assert game.submit("u1", "docker pull", "Ana").status == WRONG  # someone is there
    time_out()
    assert not game.abandoned
    for _ in range(ABANDONED_AFTER):
        assert game.next() is not None
        time_out()
    assert game.abandoned and game.next() is None
    assert len(game.reveals) == 2 * ABANDONED_AFTER < game.total
    result = game.finish()
    assert (result.asked, result.total) == (2 * ABANDONED_AFTER, 10)
    assert [row.name for row in result.rows] == ["Ana"]


def test_group_stopped_early_keeps_its_table():
    clock = Clock()
    game = GroupQuiz(
        [PUSH, IMAGE], "chan-3", clock=clock, timeout_seconds=30, recorder=Recorder(fail=True)
    )
    game.start()
    result = game.submit("u1", "docker push", "Ana")
    assert result.status == CORRECT and result.save_error
    table = game.finish()  # while question 2 was never opened
    assert [(r.name, r.points) for r in table.rows] == [("Ana", 1)]
    assert (table.asked, table.total) == (1, 2)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_reply_to_any_item_is_handled(reply):
    for item in (IMAGE, CONTAINER, PUSH, IMMUTABLE):
        result = check_answer(item, reply)
        assert result is None or isinstance(result.accepted, bool)


def test_a_typed_quiz_item_accepts_the_distinctive_part_of_its_answer():
    # The quiz passes the course's vocabulary to the grader: « conteneur » tells
    # « Conteneur Docker » from « Image Docker »; « docker » tells them from nothing. The
    # quiz.yaml options that are sentences name no term, so they hide no part.
    from bot.course.loader import load_course
    from bot.quiz.service import QuizService
    from bot.quiz.session import check_answer
    from bot.store import Store
    from conftest import CONTENT

    course = load_course(CONTENT).course
    service, _ = QuizService.from_content(str(CONTENT), course, Store(":memory:"))
    items = [i for seed in range(20) for i in service.build("3.1", n=50, seed=seed)
             if i.kind == "typed" and i.answer == "Conteneur Docker"]
    assert items, "the bundled module asks for « Conteneur Docker »"
    assert check_answer(items[0], "un conteneur").accepted
    assert not check_answer(items[0], "docker").accepted
    assert not check_answer(items[0], "image").accepted
