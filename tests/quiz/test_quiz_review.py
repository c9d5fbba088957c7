"""Spaced review (Leitner boxes) and the quiz service that serves missed and due facts first,
saves every answer and keeps one quiz per player and per channel."""

from __future__ import annotations

import random

import pytest

from bot.course.loader import load_course
from bot.quiz.review import BOX_DAYS, DAY, ReviewState, review_order, schedule
from bot.quiz.service import NoItems, QuizRunning, QuizService, UnknownModule
from bot.store import Store
from conftest import CONTENT, GIT_COURSE


class Clock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_leitner_boxes_space_right_answers_and_reset_wrong_ones():
    now = 0.0
    state = schedule(None, True, now)
    assert (state.box, state.due_at, state.seen, state.correct) == (2, 1 * DAY, 1, 1)
    for _ in range(10):
        state = schedule(state, True, now)
    assert state.box == len(BOX_DAYS) and state.due_at == BOX_DAYS[-1] * DAY
    state = schedule(state, False, now)
    assert (state.box, state.due_at, state.lapses, state.missed) == (1, now, 1, True)
    assert state.is_due(now)


def test_review_order_puts_missed_then_due_then_new_then_later():
    now = 10 * DAY
    states = {
        "later": ReviewState(box=3, due_at=now + DAY, last_correct=True),
        "due-old": ReviewState(box=2, due_at=now - 5 * DAY, last_correct=True),
        "missed": ReviewState(box=1, due_at=now - DAY, last_correct=False),
        "due-new": ReviewState(box=2, due_at=now - DAY, last_correct=True),
        "missed-older": ReviewState(box=1, due_at=now - 2 * DAY, last_correct=False),
    }
    keys = ["new-a", "later", "due-new", "missed", "new-b", "due-old", "missed-older", "missed"]
    order = review_order(keys, states, now, random.Random(0))
    assert order[:4] == ["missed-older", "missed", "due-old", "due-new"]
    assert set(order[4:6]) == {"new-a", "new-b"}
    assert order[6:] == ["later"]


@pytest.fixture
def git_service(tmp_path):
    clock = Clock()
    store = Store(tmp_path / "review.sqlite3", clock=clock)
    service = QuizService(load_course(GIT_COURSE).course, store=store, clock=clock)
    yield service, store, clock
    store.close()


def _answer_all(quiz, reply) -> list[str]:
    keys = []
    question = quiz.start()
    while question is not None:
        keys.append(question.item.key)
        item = question.item
        quiz.answer(reply(item))
        question = quiz.next()
    return keys


def _right(item):
    return item.answer


def _wrong(item):
    if item.options:
        return next(o for o in item.options if o != item.answer)
    return "pas du tout"


def test_a_missed_fact_comes_back_first_in_a_review_quiz(git_service):
    service, store, clock = git_service
    quiz = service.start_solo("alice", "2.2", n=4, seed=1)
    asked = quiz.start().item.key
    quiz.answer(_wrong(quiz.current.item))
    while quiz.next() is not None:
        quiz.answer(_right(quiz.current.item))
    summary = service.end_solo("alice")
    assert summary.score == summary.asked - 1 == 3
    assert store.review_states("alice")[asked].missed
    clock.now += 60  # a minute later, a review quiz over the whole course
    review = service.start_solo("alice", None, n=5, seed=7)
    assert review.items[0].key == asked
    # Facts answered right are not due yet: the rest of the review quiz is new material.
    right_keys = {k for k, s in store.review_states("alice").items() if not s.missed}
    assert not right_keys & {item.key for item in review.items}


def test_due_facts_come_back_before_new_ones(git_service):
    service, store, clock = git_service
    first = service.start_solo("bob", "1.2", n=3, seed=2)
    seen = _answer_all(first, _right)
    service.end_solo("bob")
    clock.now += 2 * DAY  # box 2 waits one day: all three are due again
    review = service.start_solo("bob", None, n=5, seed=3)
    assert {item.key for item in review.items[:3]} == set(seen)
    assert {item.key for item in review.items[3:]}.isdisjoint(seen)


def test_answers_are_saved_with_the_guild(git_service):
    service, store, _ = git_service
    quiz = service.start_solo("carol", "2.1", n=2, seed=4, guild_id=77)
    _answer_all(quiz, _right)
    service.end_solo("carol")
    exported = store.export_user("carol")
    assert len(exported["attempts"]) == 2 and {a["guild_id"] for a in exported["attempts"]} == {77}
    assert store.leaderboard(77)[0].correct == 2


def test_one_quiz_per_player_and_per_channel(git_service):
    service, _, _ = git_service
    quiz = service.start_solo("dan", "1.1", seed=1)
    assert service.solo("dan") is quiz
    with pytest.raises(QuizRunning):
        service.start_solo("dan", "1.2")
    assert service.end_solo("dan").total == quiz.total
    assert service.solo("dan") is None and service.end_solo("dan") is None
    game = service.start_group("chan", "2.1", n=3, seed=1, timeout_seconds=20)
    assert service.group("chan") is game and game.timeout_seconds == 20
    with pytest.raises(QuizRunning):
        service.start_group("chan")
    assert service.end_group("chan").total == 3
    assert service.group("chan") is None


def test_unknown_modules_and_empty_banks_are_reported(tmp_path):
    (tmp_path / "1.1-vide.md").write_text("# 1.1 Un module sans résumé\n\nDu texte.\n", "utf-8")
    service = QuizService(load_course(tmp_path).course)
    with pytest.raises(UnknownModule):
        service.start_solo("eve", "9.9")
    with pytest.raises(NoItems):
        service.start_solo("eve", "1.1")


def test_hand_written_items_follow_the_quiz_language():
    course = load_course(CONTENT).course
    service, problems = QuizService.from_content(CONTENT, course, lang="en")
    assert problems == []
    items = service.items("3.1", random.Random(0))
    handwritten = [item for item in items if item.origin == "quiz.yaml"]
    assert len(handwritten) == 3
    statement = next(item for item in handwritten if item.kind == "true_false")
    assert statement.options == ("True", "False") and statement.answer == "True"
    generated = next(
        item for item in items if item.kind == "true_false" and item.origin != "quiz.yaml"
    )
    assert generated.options == ("True", "False")
    orders = {
        next(
            i
            for i in service.items("3.1", random.Random(seed))
            if i.kind == "mcq" and i.origin == "quiz.yaml"
        ).options
        for seed in range(8)
    }
    assert len(orders) > 1  # a TA's options are shuffled, so the answer is not always first
