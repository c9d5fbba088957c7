"""/stats through the real bot (TAs only, private, chart attached, drawn off the event loop) and
the weekly digest on a fake clock (once a week, kept across restarts, late the same day)."""

from __future__ import annotations

import struct
import threading
from dataclasses import replace
from datetime import datetime

from bot.discord_bot.stats import cog as stats_cog
from bot.i18n import t, tn
from bot.quiz.review import schedule
from bot.store import Attempt, Store
from discord_helpers import (
    ADMIN,
    CHANNEL_ID,
    ENGLISH_STUDENT,
    GUILD_ID,
    STUDENT,
    TA,
    fake_discord,
    http_error,
    settings_for,
    student,
)

# Monday 7 December 2026, server time; the digest is due on Mondays from 9 o'clock.
MONDAY_8 = datetime(2026, 12, 7, 8, 0).timestamp()
HOUR = 3600


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


async def test_stats_is_private_for_tas_with_the_chart_attached():
    fake = await fake_discord()
    for n, question in enumerate(
        ["image vs conteneur ?", "quelle est la recette de la pizza ?", "recette de la pizza"]
    ):
        await fake.slash("ask", question=question, who=student(n))
    attempt = Attempt(str(STUDENT.id), GUILD_ID, "3.1/p/image-docker", "3.1", None, "typed",
                      "x", False, "wrong", "solo", fake.bot.store.clock())
    fake.bot.store.record_answer(attempt, schedule(None, False, attempt.at))
    # Another server's question is not this server's business.
    fake.bot.store.record_question("quid du helm ?", "abstain", 0, None, None, "9", 555)

    refused = await fake.slash("stats", who=STUDENT)
    assert refused.ephemeral and refused.content == t("not_ta", "fr", role="TA")
    assert not refused.files

    reply = await fake.slash("stats", who=TA)
    assert reply.kind == "followup" and reply.ephemeral
    [(name, png)] = reply.files
    assert name == "stats.png" and _png_size(png) == (1200, 850)
    embed = reply.embed
    assert embed["image"]["url"] == "attachment://stats.png"
    assert embed["title"].startswith(t("stats_title", "fr", window=t("stats_window_7d", "fr")))
    lines = embed["description"].splitlines()
    assert lines[0].startswith(tn("stats_questions", 3, "fr") + " (")
    assert t("stats_split", "fr", answered=1, suggested=0, abstained=2) in lines[0]
    assert lines[1] == "1 réponse de quiz, réussite 0 %"
    assert lines[2] == tn("stats_students", 4, "fr")
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert "pizza" in fields[t("stats_field_topics", "fr")]
    assert "quid" not in str(embed)
    assert "(3.1) : manquée 1/1" in fields[t("stats_field_missed", "fr")]
    # Counts only: no student's name or id anywhere.
    text = str(embed)
    assert str(STUDENT.id) not in text and "student0" not in text and "etudiante" not in text

    admin = await fake.slash("stats", who=ADMIN, since="all")
    assert admin.ephemeral and admin.files
    english = await fake.slash("stats", who=replace(TA, locale="en-US"), since="30d")
    assert english.embed["title"].startswith("Course statistics: the last 30 days")


async def test_stats_are_counted_and_drawn_on_the_chart_thread(monkeypatch):
    threads = []
    real = stats_cog.stats_png

    def spy(stats, lang):
        threads.append(threading.current_thread().name)
        return real(stats, lang)

    monkeypatch.setattr(stats_cog, "stats_png", spy)
    fake = await fake_discord()
    await fake.slash("stats", who=TA)
    assert len(threads) == 1 and threads[0].startswith("coursebot-chart")


async def test_stats_without_a_database(tmp_path):
    (tmp_path / "file").write_text("x")
    fake = await fake_discord(store=Store(tmp_path / "file" / "bot.sqlite3"))
    reply = await fake.slash("stats", who=TA)
    assert reply.ephemeral and reply.content == t("store_unreadable_ta", "fr")


# ------------------------------------------------------------------------- digest


class Clock:
    """A settable clock for the store, which the digest reads."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


async def digest_bot(path, clock: Clock, **keys):
    settings = settings_for(digest_channel=CHANNEL_ID, digest_day="monday", digest_hour=9,
                            **keys)
    return await fake_discord(settings, store=Store(path, clock=clock))


def digests(fake) -> list:
    return [p for p in fake.posts(CHANNEL_ID) if p.embeds and p.files]


async def test_the_digest_is_posted_once_a_week_even_across_restarts(tmp_path):
    db = tmp_path / "bot.sqlite3"
    clock = Clock(MONDAY_8 - 2 * 24 * HOUR)  # a question on Saturday
    fake = await digest_bot(db, clock)
    await fake.slash("ask", question="quelle est la recette de la pizza ?", who=ENGLISH_STUDENT)
    digest = fake.bot.get_cog("StatsCog")

    clock.now = MONDAY_8
    assert not await digest.post_digest_if_due()  # before the hour
    clock.now = MONDAY_8 + HOUR + 120  # 9:02
    assert await digest.post_digest_if_due()
    [post] = digests(fake)
    embed = post.embed
    assert embed["title"] == t("digest_title", "fr")
    assert embed["footer"]["text"] == t("digest_pointer", "fr")  # points to /unanswered
    assert "pizza" in embed["fields"][0]["value"]
    assert tn("stats_questions", 1, "fr") in embed["description"]
    [(name, png)] = post.files
    assert name == "stats.png" and _png_size(png) == (1200, 850)
    assert post.data["allowed_mentions"] == {"parse": []}

    clock.now += 5 * 60  # the next check, 9:07
    assert not await digest.post_digest_if_due()
    await fake.bot.close()

    clock.now = MONDAY_8 + 3 * HOUR  # restarted at 11:00 the same day
    again = await digest_bot(db, clock)
    assert not await again.bot.get_cog("StatsCog").post_digest_if_due()
    assert digests(again) == []

    clock.now = MONDAY_8 + 7 * 24 * HOUR + HOUR  # next Monday, 9:00
    assert await again.bot.get_cog("StatsCog").post_digest_if_due()
    assert len(digests(again)) == 1


async def test_a_digest_missed_while_down_is_posted_late_the_same_day_only(tmp_path):
    clock = Clock(MONDAY_8 + 7 * HOUR)  # the bot comes back at 15:00
    late = await digest_bot(tmp_path / "late.sqlite3", clock)
    assert await late.bot.get_cog("StatsCog").post_digest_if_due()
    assert len(digests(late)) == 1

    clock.now = MONDAY_8 + 26 * HOUR  # Tuesday 10:00: that week's digest is over
    tuesday = await digest_bot(tmp_path / "tuesday.sqlite3", clock)
    assert not await tuesday.bot.get_cog("StatsCog").post_digest_if_due()


async def test_a_failed_post_is_tried_again_and_no_digest_without_a_channel(tmp_path):
    clock = Clock(MONDAY_8 + HOUR)
    fake = await digest_bot(tmp_path / "bot.sqlite3", clock)
    fake.channel_errors.append(http_error(500, "Internal Server Error"))
    digest = fake.bot.get_cog("StatsCog")
    assert not await digest.post_digest_if_due()
    assert await digest.post_digest_if_due()  # not remembered as posted: tried again
    assert len(digests(fake)) == 1

    off = await fake_discord(store=Store(tmp_path / "off.sqlite3", clock=clock))
    assert not await off.bot.get_cog("StatsCog").post_digest_if_due()
    elsewhere = await digest_bot(tmp_path / "x.sqlite3", clock)
    elsewhere.bot.settings = replace(
        elsewhere.bot.settings,
        discord=replace(elsewhere.bot.settings.discord, digest_channel=424242),
    )
    assert not await elsewhere.bot.get_cog("StatsCog").post_digest_if_due()
