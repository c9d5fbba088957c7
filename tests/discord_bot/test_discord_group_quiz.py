"""/quiz mode:group in a channel: first correct answer scores, timeouts, results, stop, one game
per channel, typed answers from messages or a modal."""

from __future__ import annotations

import asyncio

from bot.config import QuizSettings
from bot.i18n import t
from bot.quiz.items import TYPED
from bot.quiz.session import ABANDONED_AFTER
from discord_helpers import (
    CHANNEL_ID,
    RESPONSE_DEFERRED,
    STUDENT,
    TA,
    answer,
    assert_within_limits,
    fake_discord,
    quiz_cog,
    reply_for,
    settings_for,
    student,
)

ALICE, BOB = student(1), student(2)


def game_of(fake):
    run = quiz_cog(fake).group.runs.get(CHANNEL_ID)
    assert run is not None, "no game in the channel"
    return run


async def group_fake(questions: int = 3, timeout: float = 30, **discord_keys):
    quiz = QuizSettings(questions=questions, group_timeout_seconds=timeout)
    return await fake_discord(settings_for(quiz=quiz, **discord_keys))


async def test_two_players_the_first_correct_answer_scores_and_a_timeout_reveals():
    fake = await group_fake(questions=2, timeout=0.5)
    first = await fake.slash("quiz", module="3.1", mode="group")
    deferred = fake.replies_to(first.token)[0]
    assert deferred.type == RESPONSE_DEFERRED and not deferred.ephemeral  # in the channel
    assert first.content.startswith("Quiz de groupe du module 3.1 (")
    assert "lancé par etudiante : 2 questions" in first.content
    assert first.embed["title"] == "Question 1/2"
    assert first.button(":stop")
    assert_within_limits(first)
    item = game_of(fake).game.current.item
    wrong = await answer(fake, first, item, False, ALICE)
    assert wrong.ephemeral
    assert wrong.content in (t("quiz_group_wrong_choice", "fr"), t("quiz_group_wrong_typed", "fr"))
    assert item.answer not in wrong.content  # the others are still looking
    right = await answer(fake, first, item, True, BOB)
    assert right.ephemeral and right.content == t("quiz_group_point", "fr")
    late = await fake.click(first, first.buttons[0]["custom_id"], who=ALICE)
    assert late.ephemeral and late.content == t("quiz_group_late", "fr")
    # Everyone sees what closed the question, then the next one, in one post.
    [post] = fake.posts()
    reveal, question = post.embeds
    assert reveal["description"].startswith(t("quiz_group_winner", "fr", name="student2"))
    assert t("quiz_explanation", "fr", explanation=item.explanation) in reveal["description"]
    assert f"[{item.source.section}] {item.source.title}" in reveal["description"]
    assert question["title"] == "Question 2/2"
    assert post.data["allowed_mentions"] == {"parse": []}
    assert_within_limits(post)
    # Nobody answers question 2: the timer reveals it and the results close the game.
    await asyncio.sleep(0.8)
    _, last = fake.posts()
    timeout, results = last.embeds
    assert timeout["description"].startswith("✗ " + t("quiz_timeout", "fr"))
    assert results["title"] == t("quiz_results_title", "fr")
    rows = results["description"].splitlines()
    assert rows[0].startswith("1. **student2** — 1 pt")
    assert rows[1].startswith("2. **student1** — 0 pt")
    assert not last.buttons
    assert quiz_cog(fake).group.runs == {}
    assert fake.bot.quiz_service.group(str(CHANNEL_ID)) is None
    bob = fake.bot.store.export_user(str(BOB.id))
    assert bob["scores"][0]["points"] == 1 and bob["attempts"][0]["mode"] == "group"
    assert fake.bot.store.leaderboard(first_guild(fake))[0].user_id == str(BOB.id)


def first_guild(fake) -> int:
    return fake.bot.guilds[0].id


async def test_one_game_per_channel():
    fake = await group_fake()
    await fake.slash("quiz", module="3.1", mode="group")
    run = game_of(fake)
    second = await fake.slash("quiz", mode="group", who=ALICE)
    assert second.ephemeral
    assert second.content == t("quiz_group_running", "fr", name="etudiante")
    assert game_of(fake) is run and run.game.current.index == 1
    # A private quiz in the same channel is still fine.
    solo = await fake.slash("quiz", module="3.1", who=ALICE)
    assert fake.replies_to(solo.token)[0].ephemeral and solo.embed["title"].startswith("Question")


async def test_games_started_at_the_same_moment_one_runs_the_others_name_its_starter():
    fake = await group_fake()
    calls = [("quiz", student(i), {"module": "3.1", "mode": "group"}) for i in range(1, 6)]
    replies = await fake.slash_together(calls)
    run = game_of(fake)
    refusals = [r for r in replies if r.ephemeral]
    assert len(refusals) == 4 and run.starter_name.startswith("student")
    for refusal in refusals:
        assert refusal.content == t("quiz_group_running", "fr", name=run.starter_name)


async def test_stop_is_for_the_starter_or_a_ta():
    fake = await group_fake()
    first = await fake.slash("quiz", module="3.1", mode="group")
    run = game_of(fake)
    await answer(fake, first, run.game.current.item, True, ALICE)
    refused = await fake.slash("quiz", stop=True, who=BOB)
    assert refused.ephemeral and refused.content == t("quiz_stop_refused", "fr")
    button = await fake.click(first, ":stop", who=BOB)
    assert button.content == t("quiz_stop_refused", "fr")
    assert game_of(fake) is run
    stopped = await fake.slash("quiz", stop=True, who=TA)
    assert not stopped.ephemeral
    assert stopped.content == t("quiz_stopped_by", "fr", name="ta")
    assert stopped.embed["description"].startswith("1. **student1** — 1 pt")
    assert quiz_cog(fake).group.runs == {}
    assert fake.bot.quiz_service.group(str(CHANNEL_ID)) is None
    await asyncio.sleep(0)
    assert run.timer.cancelled()  # no timer left behind
    over = await fake.click(first, first.buttons[0]["custom_id"], who=ALICE)
    assert over.content == t("quiz_over", "fr")


async def test_stop_ends_my_solo_quiz_when_the_channels_game_is_not_mine_to_stop():
    fake = await group_fake()
    await fake.slash("quiz", module="3.1", who=ALICE)
    await fake.slash("quiz", module="3.1", mode="group", who=BOB)
    run = game_of(fake)
    stopped = await fake.slash("quiz", stop=True, who=ALICE)
    assert stopped.ephemeral and stopped.content == t("quiz_stopped", "fr")
    assert stopped.embed["title"] == t("quiz_summary_title", "fr")
    assert fake.bot.quiz_service.solo(str(ALICE.id)) is None
    assert quiz_cog(fake).solo.runs == {}
    assert game_of(fake) is run  # Bob's game goes on
    again = await fake.slash("quiz", stop=True, who=ALICE)  # no quiz of hers left
    assert again.content == t("quiz_stop_refused", "fr")
    ended = await fake.slash("quiz", stop=True, who=BOB)
    assert ended.content == t("quiz_stopped_by", "fr", name="student2")
    assert quiz_cog(fake).group.runs == {}


async def test_a_game_nobody_answers_ends_by_itself_with_the_scores_so_far():
    fake = await group_fake(questions=9, timeout=0.05)
    first = await fake.slash("quiz", module="3.1", mode="group", questions=9)
    await answer(fake, first, game_of(fake).game.current.item, False, ALICE)  # then nobody
    for _ in range(100):
        await asyncio.sleep(0.02)
        if not quiz_cog(fake).group.runs:
            break
    assert quiz_cog(fake).group.runs == {}
    posts = fake.posts()
    assert len(posts) == 1 + ABANDONED_AFTER  # question 1, then the silent ones
    last = posts[-1]
    assert last.content == t("quiz_group_abandoned", "fr", count=ABANDONED_AFTER)
    reveal, results = last.embeds
    assert reveal["description"].startswith("✗ " + t("quiz_timeout", "fr"))
    assert results["title"] == t("quiz_results_title", "fr")
    assert results["description"].startswith("1. **student1** — 0 pt")
    assert not last.buttons and fake.bot.quiz_service.group(str(CHANNEL_ID)) is None


async def test_the_starter_may_stop_with_the_button():
    fake = await group_fake()
    first = await fake.slash("quiz", module="3.1", mode="group")
    stopped = await fake.click(first, ":stop", who=STUDENT)
    assert stopped.content == t("quiz_stopped_by", "fr", name="etudiante")
    assert stopped.embed["description"] == t("quiz_results_nobody", "fr")


async def play_until_typed(fake, message):
    """Answer choice questions right until the game asks a typed one; its message."""
    while game_of(fake).game.current.item.kind != TYPED:
        await answer(fake, message, game_of(fake).game.current.item, True, ALICE)
        message = fake.posts()[-1]
    return message


async def test_typed_answers_are_read_from_the_channel_with_the_intent():
    fake = await group_fake(questions=9, message_content=True)
    message = await play_until_typed(fake, await fake.slash("quiz", module="3.1", mode="group"))
    item = game_of(fake).game.current.item
    assert t("quiz_type_in_channel", "fr") in message.embeds[-1]["description"]
    assert not [b for b in message.buttons if b["custom_id"].endswith(":type")]
    posts = len(fake.posts())
    await fake.say("une réponse au hasard", who=BOB)
    assert len(fake.posts()) == posts  # a wrong message stays quiet
    await fake.say(reply_for(item, True), who=BOB)
    reveal = fake.posts()[-1].embeds[0]
    assert reveal["description"].startswith(t("quiz_group_winner", "fr", name="student2"))
    typed = [a for a in fake.bot.store.export_user(str(BOB.id))["attempts"]]
    assert [a["correct"] for a in typed] == [1]  # he found it: his wrong try was no answer


async def test_without_the_intent_typed_questions_open_a_modal():
    fake = await group_fake(questions=9)
    message = await play_until_typed(fake, await fake.slash("quiz", module="3.1", mode="group"))
    item = game_of(fake).game.current.item
    await fake.say(reply_for(item, True), who=BOB)  # not read: the bot cannot see contents
    assert game_of(fake).game.current.item is item
    modal = await fake.click(message, ":type", who=BOB)
    again = await fake.submit_modal(modal, "pas ça", on=message, who=BOB)
    assert again.content == t("quiz_group_wrong_typed", "fr")  # typed: try again
    modal = await fake.click(message, ":type", who=BOB)
    right = await fake.submit_modal(modal, reply_for(item, True), on=message, who=BOB)
    assert right.content == t("quiz_group_point", "fr")


async def test_help_or_giving_up_at_a_typed_question_is_not_counted():
    fake = await group_fake(questions=9)
    message = await play_until_typed(fake, await fake.slash("quiz", module="3.1", mode="group"))
    item = game_of(fake).game.current.item
    before = fake.bot.store.export_user(str(BOB.id))["attempts"]
    for text in ("?", "je sais pas"):
        modal = await fake.click(message, ":type", who=BOB)
        reply = await fake.submit_modal(modal, text, on=message, who=BOB)
        assert reply.content == t("quiz_group_not_counted", "fr")
    assert game_of(fake).game.current.item is item  # still open for everyone
    await fake.slash("quiz", stop=True)
    assert fake.bot.store.export_user(str(BOB.id))["attempts"] == before


async def test_retries_at_a_typed_question_count_as_one_answer():
    fake = await group_fake(questions=9)
    message = await play_until_typed(fake, await fake.slash("quiz", module="3.1", mode="group"))
    item = game_of(fake).game.current.item
    before = len(fake.bot.store.export_user(str(ALICE.id))["attempts"])
    tries = [(ALICE, "pas ça"), (BOB, "pas ça"), (ALICE, "toujours pas"), (BOB, "non plus")]
    for who, text in [*tries, (BOB, reply_for(item, True))]:
        modal = await fake.click(message, ":type", who=who)
        await fake.submit_modal(modal, text, on=message, who=who)
    # Bob found it in the end: one right answer. Alice never did: one miss, her last try.
    bob = fake.bot.store.export_user(str(BOB.id))
    assert [(a["item_key"], a["correct"]) for a in bob["attempts"]] == [(item.key, 1)]
    assert bob["scores"][0]["answered"] == 1
    alice = fake.bot.store.export_user(str(ALICE.id))
    assert [(a["answer"], a["correct"]) for a in alice["attempts"][before:]] == [
        ("toujours pas", 0)
    ]
    assert alice["scores"][0]["answered"] == before + 1
    if quiz_cog(fake).group.runs:
        results = (await fake.slash("quiz", stop=True)).embed
    else:  # that was the last question
        results = fake.posts()[-1].embeds[-1]
    bob_row = t("quiz_results_row", "fr", rank=0, name="student2", points=1, attempts=1, wrong=0)
    ranked = [line.split(" ", 1)[1] for line in results["description"].splitlines()]
    assert bob_row.split(" ", 1)[1] in ranked  # his rank depends on Alice's choice questions
    progress = await fake.slash("progress", who=BOB)
    fields = {f["name"]: f["value"] for f in progress.embed["fields"]}
    assert fields[t("progress_answers", "fr")] == t(
        "progress_answers_value", "fr", correct=1, answered=1, accuracy=100
    )


async def test_group_games_need_a_server():
    fake = await group_fake()
    interaction = fake.command("quiz", mode="group")
    interaction.guild_id = None
    await fake.bot.tree._call(interaction)
    [reply] = fake.replies_to(interaction.token)
    assert reply.ephemeral and reply.content == t("guild_only", "fr")


async def test_after_a_privacy_delete_a_running_game_saves_none_of_my_answers():
    fake = await group_fake(questions=2)
    first = await fake.slash("quiz", module="3.1", mode="group", who=ALICE)
    item = game_of(fake).game.current.item
    confirm = await fake.slash("privacy delete", who=ALICE)
    await fake.click(confirm, "cb:priv:delete", who=ALICE)
    right = await answer(fake, first, item, True, ALICE)
    assert right.content == t("quiz_group_point", "fr")  # still playing
    [post] = fake.posts()
    item = game_of(fake).game.current.item
    await answer(fake, post, item, True, BOB)
    assert fake.bot.store.export_user(str(ALICE.id))["attempts"] == []
    assert len(fake.bot.store.export_user(str(BOB.id))["attempts"]) == 1
