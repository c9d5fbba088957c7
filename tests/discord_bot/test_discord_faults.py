"""Discord saying no (issue #6): a 500, a 429 with retry-after, a 403 in a channel. Commands
fail politely, quiz sessions stay consistent (a game nobody can see is ended), nothing is
retried forever; and a store that cannot be written."""

from __future__ import annotations

import asyncio
import logging

import discord
import pytest

from bot.config import QuizSettings
from bot.i18n import t
from bot.store import Store
from discord_helpers import (
    BOT_PERMISSIONS,
    CHANNEL_ID,
    STUDENT,
    FakeHTTPSession,
    answer,
    fake_discord,
    http_error,
    quiz_cog,
    settings_for,
    student,
    through_discord_http,
)

ALICE = student(1)
SERVER_ERROR = http_error(500, "Internal Server Error")
RATE_LIMITED = http_error(429, "You are being rate limited.", retry_after=120.0)
MISSING_PERMISSIONS = http_error(403, "Missing Permissions", code=50013)


async def polite(settings=None, **kwargs):
    """A bot whose error handler is the real, polite one (the test trap would re-raise)."""
    fake = await fake_discord(settings, **kwargs)
    fake.bot.on_interaction_error = type(fake.bot).on_interaction_error.__get__(fake.bot)
    return fake


def responses(fake) -> int:
    return fake.adapter.create_interaction_response.await_count


@pytest.mark.parametrize("error", [SERVER_ERROR, RATE_LIMITED], ids=["500", "429"])
async def test_a_failed_reply_is_logged_and_not_retried(error, caplog):
    fake = await polite()
    fake.response_errors = [error, error]  # the answer, then the apology
    with caplog.at_level(logging.WARNING):
        await fake.bot.tree._call(fake.command("ask", question="image vs conteneur ?"))
    assert responses(fake) == 2  # one try each: discord.py already retried what it could
    assert "ask failed" in caplog.text and f"HTTP {error.status}" in caplog.text
    reply = await fake.slash("ask", question="image vs conteneur ?")  # Discord is back
    assert reply.embeds


async def test_a_failed_reply_is_apologised_for_when_the_apology_goes_through(caplog):
    fake = await polite()
    fake.response_errors = [SERVER_ERROR]
    interaction = fake.command("ask", question="image vs conteneur ?")
    await fake.bot.tree._call(interaction)
    [apology] = fake.replies_to(interaction.token)
    assert apology.ephemeral and apology.content == t("error_generic", "fr")


@pytest.mark.parametrize("failing", ["acknowledgement", "question"])
async def test_a_solo_quiz_whose_first_message_fails_is_not_kept(failing):
    fake = await polite()
    if failing == "acknowledgement":
        fake.response_errors = [SERVER_ERROR, SERVER_ERROR]  # the defer, then the apology
    else:
        fake.edit_errors = [SERVER_ERROR]  # the question never shows
    interaction = fake.command("quiz", module="3.1")
    await fake.bot.tree._call(interaction)
    assert quiz_cog(fake).solo.runs == {}
    assert fake.bot.quiz_service.solo(str(STUDENT.id)) is None
    if failing == "question":  # the "thinking…" message is answered with an apology
        assert fake.replies_to(interaction.token)[-1].content == t("error_generic", "fr")


async def test_a_lost_answer_reply_leaves_the_solo_quiz_consistent():
    fake = await polite()
    message = await fake.slash("quiz", module="3.1", questions=2)
    item = fake.bot.quiz_service.solo(str(STUDENT.id)).current.item
    if item.options is None:
        modal = await fake.click(message, ":type")
        fake.response_errors = [SERVER_ERROR]  # the verdict does not reach the student
        apology = await fake.submit_modal(modal, item.answer, on=message)
    else:
        fake.response_errors = [SERVER_ERROR]
        apology = await answer(fake, message, item, True, STUDENT)
    assert apology.content == t("error_generic", "fr")
    # The answer was taken once; clicking again shows its verdict instead of losing the quiz.
    shown = await fake.click(message, message.buttons[0]["custom_id"])
    assert shown.embeds[0]["description"].startswith("✓")
    assert shown.button(":next")
    assert len(fake.bot.store.export_user(str(STUDENT.id))["attempts"]) == 1


async def test_a_solo_timeout_that_cannot_be_shown_keeps_the_quiz_going(caplog):
    fake = await polite(settings_for(quiz=QuizSettings(questions=2, solo_timeout_seconds=0.2)))
    message = await fake.slash("quiz", module="3.1")
    fake.edit_errors = [http_error(401, "Invalid Webhook Token")]  # the token expired
    with caplog.at_level(logging.WARNING):
        await asyncio.sleep(0.35)
    assert "solo quiz timeout" in caplog.text and "HTTP 401" in caplog.text
    # The student still sees the question: any of its buttons now shows the timeout.
    shown = await fake.click(message, message.buttons[0]["custom_id"])
    assert shown.embeds[0]["description"].startswith("✗ " + t("quiz_timeout", "fr"))
    nxt = await fake.click(shown, ":next")
    assert nxt.embed["title"] == "Question 2/2"


async def group_game(fake):
    first = await fake.slash("quiz", module="3.1", mode="group", questions=3)
    return first, quiz_cog(fake).group.runs[CHANNEL_ID]


def assert_game_gone(fake, run) -> None:
    assert quiz_cog(fake).group.runs == {}
    assert fake.bot.quiz_service.group(str(CHANNEL_ID)) is None
    assert run.timer is None or run.timer.done() or run.timer.cancelling()


@pytest.mark.parametrize("failing", ["acknowledgement", "question"])
async def test_a_group_game_whose_first_post_fails_is_not_registered(failing):
    fake = await polite()
    if failing == "acknowledgement":
        fake.response_errors = [SERVER_ERROR, SERVER_ERROR]
    else:
        fake.edit_errors = [MISSING_PERMISSIONS]
    await fake.bot.tree._call(fake.command("quiz", module="3.1", mode="group"))
    assert quiz_cog(fake).group.runs == {}
    assert fake.bot.quiz_service.group(str(CHANNEL_ID)) is None
    again = await fake.slash("quiz", module="3.1", mode="group")  # the channel is free
    assert again.embed["title"] == "Question 1/5"


@pytest.mark.parametrize(
    "error",
    [MISSING_PERMISSIONS, SERVER_ERROR, discord.RateLimited(120.0)],
    ids=["403", "500", "429-too-long"],
)
async def test_a_group_game_whose_next_question_cannot_be_posted_is_ended(error, caplog):
    fake = await polite()
    first, run = await group_game(fake)
    fake.channel_errors = [error]
    with caplog.at_level(logging.WARNING):
        last = await answer(fake, first, run.game.current.item, True, ALICE)
    ack, told = fake.replies_to(last.token)[-2:]
    assert ack.content == t("quiz_group_point", "fr")  # the point was given...
    assert told.kind == "followup" and told.ephemeral  # ...then the game had to stop
    assert told.content == t("quiz_group_post_failed", "fr")
    assert fake.channel_calls == 1  # tried once, not retried
    assert_game_gone(fake, run)
    assert "could not be posted" in caplog.text
    stale = await fake.click(first, first.buttons[0]["custom_id"], who=ALICE)
    assert stale.content == t("quiz_over", "fr")
    again = await fake.slash("quiz", module="3.1", mode="group")  # the channel is usable again
    assert not again.ephemeral


@pytest.mark.parametrize(
    ("status", "body", "requests"),
    [
        (403, {"code": 50013, "message": "Missing Permissions"}, 1),
        (429, {"message": "You are being rate limited.", "retry_after": 120.0, "global": False}, 1),
        (429, {"message": "You are being rate limited.", "retry_after": 0.01, "global": False}, 5),
    ],
    ids=["403", "429-retry-after-120s", "429-retry-after-10ms"],
)
async def test_channel_errors_through_discord_py_http_are_bounded(status, body, requests):
    """The real HTTP client: a long retry-after raises at once (the bot caps waits at 30 s), a
    short one is retried by discord.py five times, then the game ends."""
    fake = await polite()
    first, run = await group_game(fake)
    session = FakeHTTPSession(status, body)
    through_discord_http(fake, session)
    await answer(fake, first, run.game.current.item, True, ALICE)
    assert len(session.requests) == requests
    method, url = session.requests[0]
    assert method == "POST" and url.endswith(f"/channels/{CHANNEL_ID}/messages")
    assert_game_gone(fake, run)


async def test_a_post_failing_on_the_timer_ends_the_game(caplog):
    fake = await polite(settings_for(quiz=QuizSettings(questions=3, group_timeout_seconds=0.2)))
    _, run = await group_game(fake)
    fake.channel_errors = [RATE_LIMITED]
    with caplog.at_level(logging.WARNING):
        await asyncio.sleep(0.4)
    assert_game_gone(fake, run)
    assert "group quiz post in channel" in caplog.text


def without(**flags: bool) -> discord.Permissions:
    permissions = discord.Permissions(BOT_PERMISSIONS.value)
    permissions.update(**flags)
    return permissions


async def test_no_group_game_where_the_bot_cannot_post():
    fake = await polite()
    fake.app_permissions = without(send_messages=False)
    refused = await fake.slash("quiz", module="3.1", mode="group")
    assert refused.ephemeral and refused.content == t("quiz_group_cannot_post", "fr")
    assert quiz_cog(fake).group.runs == {}
    fake.app_permissions = without(embed_links=False)
    assert (await fake.slash("quiz", module="3.1", mode="group")).ephemeral


async def test_quizzes_run_without_a_usable_store_and_say_so_once(tmp_path):
    (tmp_path / "file").write_text("x")
    fake = await polite(store=Store(tmp_path / "file" / "bot.sqlite3"))
    message = await fake.slash("quiz", module="3.1", questions=3)
    notices = []
    for _ in range(3):
        item = fake.bot.quiz_service.solo(str(STUDENT.id)).current.item
        feedback = await answer(fake, message, item, True, STUDENT)
        notices.append(feedback.content)
        if feedback.buttons:
            message = await fake.click(feedback, ":next")
    assert notices == [t("store_unavailable", "fr"), "", ""]
    assert feedback.embeds[1]["description"].startswith("Score : 3/3")
    progress = await fake.slash("progress")
    assert progress.ephemeral and progress.content == t("store_unreadable", "fr")
