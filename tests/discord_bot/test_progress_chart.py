"""A student's mastery per module: a small chart beside /progress on Discord, text bars in the
terminal chat; their own data only."""

from __future__ import annotations

import io
import random
import struct

from bot.app.engine import load_engine
from bot.console.chat import ChatSession
from bot.i18n import t
from bot.store import Store
from conftest import CONTENT
from discord_helpers import ENGLISH_STUDENT, STUDENT, answer, fake_discord


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


async def test_progress_shows_mastery_per_module_with_a_chart_of_my_own():
    fake = await fake_discord()
    message = await fake.slash("quiz", module="3.1", questions=3)
    results: dict[str, bool] = {}  # the last answer to each fact
    for number in range(1, 4):
        item = fake.bot.quiz_service.solo(str(STUDENT.id)).current.item
        correct = number != 2
        results[item.key] = correct
        feedback = await answer(fake, message, item, correct, STUDENT)
        if number < 3:
            message = await fake.click(feedback, ":next")
    reply = await fake.slash("progress")
    assert reply.ephemeral
    [(name, png)] = reply.files
    width, height = _png_size(png)
    assert name == "progress.png" and 400 <= width <= 800 and 150 <= height <= 800
    assert reply.embed["image"]["url"] == "attachment://progress.png"
    fields = {f["name"]: f["value"] for f in reply.embed["fields"]}
    facts = len({i.key for i in fake.bot.quiz_service.items("3.1", random.Random(0))})
    mastered = sum(results.values())
    assert fields[t("progress_mastery", "fr")] == t(
        "progress_mastery_line", "fr", module="3.1", percent=round(100 * mastered / facts),
        mastered=mastered, facts=facts,
    )
    # Another student sees none of it.
    other = await fake.slash("progress", who=ENGLISH_STUDENT)
    assert other.content == t("progress_nothing", "en") and not other.files


def test_the_chat_shows_my_progress_with_text_bars(tmp_path):
    out = io.StringIO()
    store = Store(tmp_path / "chat.sqlite3")
    chat = ChatSession(load_engine(CONTENT), out=out, store=store, user_id="ana")
    chat.handle("/progress")
    assert out.getvalue().strip() == t("progress_chat_none", "fr", user="ana")
    chat.handle("/quiz 3.1 2")
    assert chat.line_handler is not None  # the quiz reads the next lines
    chat.handle("je ne sais pas")  # a miss, whatever the question
    chat.handle("je ne sais pas")
    out.truncate(0)
    out.seek(0)
    chat.handle("/progress")
    lines = out.getvalue().strip().splitlines()
    assert lines[0] == t("progress_title", "fr")
    assert lines[1] == t("progress_answers_value", "fr", correct=0, answered=2, accuracy=0)
    assert lines[2] == t("progress_due_value", "fr", count=2)
    assert lines[4] == t("progress_mastery", "fr")
    assert lines[5].startswith("░░░░░░░░░░ 3.1 : 0 % (0/")
    store.close()
    other = io.StringIO()
    ChatSession(load_engine(CONTENT), out=other, store=Store(tmp_path / "chat.sqlite3"),
                user_id="bob").handle("/progress")
    assert other.getvalue().strip() == t("progress_chat_none", "fr", user="bob")
