"""The Discord bot serves through the composition root: its /reload is the root's, and the
state buttons read follows the engine the root serves (uses the conftest's fixtures)."""

from __future__ import annotations

from bot.app.engine import CourseApp
from discord_helpers import TA, fake_discord, settings_for

NEW_MODULE = (
    "# 9.9 Module ajouté\n\nIntroduction.\n\n## 9.9.1 Une section\n\nDu texte.\n"
)


async def test_the_bot_holds_one_root_and_its_engine(fake):
    app = fake.bot.app
    assert isinstance(app, CourseApp)
    assert fake.bot.course_state.engine is app.engine
    assert fake.bot.quiz_service is app.engine.quizzes
    assert app.quizzes.store is fake.bot.store


async def test_reload_swaps_the_root_engine_and_the_state_follows(course_folder):
    fake = await fake_discord(settings_for(course_folder))
    before = fake.bot.app.engine
    (course_folder / "9.9-extra.md").write_text(NEW_MODULE, encoding="utf-8")
    await fake.slash("reload", who=TA)
    assert fake.bot.app.engine is not before
    assert fake.bot.course_state.engine is fake.bot.app.engine
    assert fake.bot.course_state.course.module("9.9") is not None
    fake.trap.check()
