"""The composition root: one load builds the matcher and the quizzes once, and a reload swaps
them whole or keeps the old content serving."""

from __future__ import annotations

import io
import shutil

import pytest

from bot.app.engine import CourseApp, load_engine
from bot.config import Settings
from bot.console.chat import ChatSession
from bot.store import Store
from conftest import CONTENT


@pytest.fixture
def course_copy(tmp_path):
    folder = tmp_path / "content"
    shutil.copytree(CONTENT, folder)
    return folder


def test_one_load_parses_synonyms_once_and_builds_search_and_quizzes_once(monkeypatch):
    import bot.course.content
    import bot.course.faq
    import bot.quiz.service

    calls = []
    real = bot.course.faq.load_synonyms

    def counted(folder):
        calls.append(folder)
        return real(folder)

    for module in (bot.course.content, bot.course.faq, bot.quiz.service):
        monkeypatch.setattr(module, "load_synonyms", counted)
    app = CourseApp.load(CONTENT, Settings(content_dir=str(CONTENT)), Store(":memory:"))
    engine = app.engine
    assert engine.matcher is engine.matcher and app.quizzes is engine.quizzes
    assert app.quizzes.synonyms == engine.synonyms
    assert app.quizzes.store is app.store
    assert len(calls) == 1


def test_a_front_end_with_its_own_store_shares_the_parsed_content_and_the_matcher():
    engine = load_engine(CONTENT)
    matcher = engine.matcher
    store = Store(":memory:")
    app = CourseApp(engine, Settings(), store)
    assert app.engine is not engine and app.engine.matcher is matcher
    assert app.engine.content is engine.content and app.quizzes.store is store
    # The same store and options: the engine itself.
    assert CourseApp(app.engine, Settings(), store).engine is app.engine


def test_reload_swaps_a_good_content_and_keeps_the_old_one_on_errors(course_copy):
    app = CourseApp.load(course_copy)
    before = app.engine
    (course_copy / "9.9-extra.md").write_text(
        "# 9.9 Module ajouté\n\nIntroduction.\n\n## 9.9.1 Une section\n\nDu texte.\n",
        encoding="utf-8",
    )
    outcome = app.reload()
    assert outcome.swapped and app.engine is not before
    assert app.engine.course.module("9.9") is not None
    assert app.quizzes is app.engine.quizzes and app.quizzes is not before.quizzes

    serving = app.engine
    (course_copy / "9.8-broken.md").write_bytes(b"\x00binary")
    outcome = app.reload()
    assert not outcome.swapped and outcome.errors
    assert app.engine is serving  # the old content keeps serving


def test_chat_reload_uses_the_root(course_copy):
    out = io.StringIO()
    chat = ChatSession(load_engine(course_copy), out=out)
    modules = len(chat.engine.course.modules)
    (course_copy / "9.9-extra.md").write_text(
        "# 9.9 Module ajouté\n\nIntroduction.\n\n## 9.9.1 Une section\n\nDu texte.\n",
        encoding="utf-8",
    )
    chat.handle("/reload")
    assert f"{modules + 1} modules" in out.getvalue()
    assert chat.engine.course.module("9.9") is not None
    (course_copy / "9.8-broken.md").write_bytes(b"\x00binary")
    chat.handle("/reload")
    assert "Rechargement refusé" in out.getvalue() and "9.8-broken.md" in out.getvalue()
    assert chat.engine.course.module("9.9") is not None
