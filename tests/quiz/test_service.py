"""bot.quiz.service directly: one solo quiz per player, unknown modules, ending a quiz."""

import pytest

from bot.course.loader import load_course
from bot.quiz.service import QuizRunning, QuizService, UnknownModule
from conftest import GIT_COURSE


@pytest.fixture(scope="module")
def service():
    return QuizService(load_course(GIT_COURSE).course)


def test_one_solo_quiz_per_player(service):
    quiz = service.start_solo("ana", seed=1)
    assert service.solo("ana") is quiz
    with pytest.raises(QuizRunning):
        service.start_solo("ana")
    summary = service.end_solo("ana")
    assert summary is not None and service.solo("ana") is None
    assert service.end_solo("ana") is None


def test_an_unknown_module_is_refused(service):
    with pytest.raises(UnknownModule):
        service.start_solo("bob", "99.9")
    assert service.solo("bob") is None


def test_the_same_seed_draws_the_same_quiz(service):
    first = [item.key for item in service.build(None, n=5, seed=7)]
    again = [item.key for item in service.build(None, n=5, seed=7)]
    assert first == again and 0 < len(first) <= 5
