"""/progress, /leaderboard and /privacy export|delete, from what the store keeps."""

from __future__ import annotations

import gzip
import json
from unittest.mock import AsyncMock

from bot.i18n import t
from discord_helpers import (
    CHANNEL_ID,
    ENGLISH_STUDENT,
    STUDENT,
    Person,
    answer,
    fake_discord,
    http_error,
    member_payload,
    quiz_cog,
    student,
)


async def play_solo(fake, who, module="3.1", questions=5, wrong_every=3):
    """A whole solo quiz, one answer in ``wrong_every`` wrong; the items missed."""
    message = await fake.slash("quiz", module=module, questions=questions, who=who)
    total = fake.bot.quiz_service.solo(str(who.id)).total
    missed = []
    for number in range(1, total + 1):
        item = fake.bot.quiz_service.solo(str(who.id)).current.item
        correct = number % wrong_every != 0
        if not correct:
            missed.append(item)
        feedback = await answer(fake, message, item, correct, who)
        if number < total:
            message = await fake.click(feedback, ":next", who=who)
    return missed


async def test_progress_shows_accuracy_due_reviews_and_missed_facts():
    fake = await fake_discord()
    nothing = await fake.slash("progress")
    assert nothing.ephemeral and nothing.content == t("progress_nothing", "fr")
    missed = await play_solo(fake, STUDENT)
    reply = await fake.slash("progress")
    assert reply.ephemeral
    fields = {f["name"]: f["value"] for f in reply.embed["fields"]}
    assert fields[t("progress_answers", "fr")] == t(
        "progress_answers_value", "fr", correct=4, answered=5, accuracy=80
    )
    assert fields[t("progress_points", "fr")] == "0"  # solo quizzes give no group points
    assert missed
    assert fields[t("progress_due", "fr")] == t("progress_due_value", "fr", count=len(missed))
    lines = fields[t("progress_missed", "fr")].splitlines()
    assert len(lines) == len(missed)
    for item in missed:  # each missed fact, named, with the section to reread
        assert any(f"`{item.source.section}` {item.source.title}" in line for line in lines)
    assert all(line.startswith("• **") for line in lines)
    other = await fake.slash("progress", who=ENGLISH_STUDENT)
    assert other.content == t("progress_nothing", "en")  # nobody else's data


async def test_progress_says_when_nothing_is_due():
    fake = await fake_discord()
    await play_solo(fake, STUDENT, questions=3, wrong_every=99)  # all right: none due yet
    reply = await fake.slash("progress")
    fields = {f["name"]: f["value"] for f in reply.embed["fields"]}
    assert fields[t("progress_due", "fr")] == t("progress_due_none", "fr")
    assert t("progress_missed", "fr") not in fields


async def test_progress_counts_group_points_of_this_server():
    fake = await fake_discord()
    first = await fake.slash("quiz", module="3.1", mode="group", questions=2)
    run = quiz_cog(fake).group.runs[CHANNEL_ID]
    await answer(fake, first, run.game.current.item, True, STUDENT)
    reply = await fake.slash("progress")
    fields = {f["name"]: f["value"] for f in reply.embed["fields"]}
    assert fields[t("progress_points", "fr")] == "1"


async def test_leaderboard_names_without_pinging():
    fake = await fake_discord()
    loud = Person(member_payload(4242, "@everyone"))
    first = await fake.slash("quiz", module="3.1", mode="group", questions=3, who=loud)
    message = first
    for winner in (loud, loud, student(1)):
        run = quiz_cog(fake).group.runs[CHANNEL_ID]
        await answer(fake, message, run.game.current.item, True, winner)
        message = fake.posts()[-1]
    # Someone the bot never met this run (scores from before a restart): fetched, or anonymous.
    await play_solo(fake, student(2), questions=3, wrong_every=99)
    fake.bot.names.forget(student(2).id)
    fake.bot.http.get_member = AsyncMock(side_effect=http_error(404, "Unknown Member"))
    board = await fake.slash("leaderboard")
    assert not board.ephemeral and board.kind == "followup"
    assert board.data["allowed_mentions"] == {"parse": []}
    rows = board.embed["description"].splitlines()
    assert rows[0].startswith("1. **@\u200beveryone** — 2 pt")  # the mention is broken
    assert "@everyone" not in board.embed["description"]
    assert rows[1].startswith("2. **student1** — 1 pt")
    assert rows[2] == t(
        "leaderboard_row",
        "fr",
        rank=3,
        name=t("someone", "fr", suffix=str(student(2).id)[-4:]),
        points=0,
        correct=3,
        answered=3,
    )
    empty = await fake_discord()
    assert (await empty.slash("leaderboard")).content == t("leaderboard_empty", "fr")


async def test_privacy_export_is_a_private_json_file_of_my_data_only():
    fake = await fake_discord()
    await play_solo(fake, STUDENT, questions=3)
    await play_solo(fake, ENGLISH_STUDENT, questions=3)
    reply = await fake.slash("ask", question="quelle est la recette de la pizza ?")
    answered = await fake.slash("ask", question="image vs conteneur ?")
    await fake.click(answered, "cb:vote:down")
    export = await fake.slash("privacy export")
    assert export.ephemeral and export.content == t("privacy_export_done", "fr")
    [(name, raw)] = export.files
    assert name == f"coursebot-{STUDENT.id}.json"
    data = json.loads(raw)
    assert data["user_id"] == str(STUDENT.id)
    assert len(data["attempts"]) == 3 and len(data["reviews"]) >= 1
    assert [q["question"] for q in data["questions"]] == ["quelle est la recette de la pizza ?"]
    assert [f["helpful"] for f in data["feedback"]] == [0]
    everyone = {row["user_id"] for table in ("attempts", "scores") for row in data[table]}
    assert everyone == {str(STUDENT.id)}
    assert reply.content  # (the abstention itself was answered)


async def test_a_large_export_is_compressed_or_refused():
    fake = await fake_discord()
    await play_solo(fake, STUDENT)
    await play_solo(fake, STUDENT)
    fake.filesize_limit = 3000
    export = await fake.slash("privacy export")
    assert export.content == t("privacy_export_compressed", "fr")
    [(name, raw)] = export.files
    assert name.endswith(".json.gz") and len(raw) <= 3000
    assert len(json.loads(gzip.decompress(raw))["attempts"]) == 10
    fake.filesize_limit = 100
    refused = await fake.slash("privacy export")
    assert refused.ephemeral and refused.content == t("privacy_export_too_big", "fr")


async def test_privacy_delete_asks_first_then_deletes_everything_of_mine():
    fake = await fake_discord()
    await play_solo(fake, STUDENT, questions=3)
    await play_solo(fake, ENGLISH_STUDENT, questions=3)
    await fake.slash("ask", question="quelle est la recette de la pizza ?")
    running = await fake.slash("quiz", module="3.1")
    confirm = await fake.slash("privacy delete")
    assert confirm.ephemeral and confirm.content == t("privacy_delete_confirm", "fr")
    assert confirm.labels == [t("privacy_delete_button", "fr"), t("privacy_keep_button", "fr")]
    intruder = await fake.click(confirm, "cb:priv:delete", who=student(5))
    assert intruder.content == t("privacy_not_yours", "fr")
    kept = await fake.click(confirm, "cb:priv:keep")
    assert kept.content == t("privacy_kept", "fr") and not kept.buttons
    assert fake.bot.store.export_user(str(STUDENT.id))["attempts"]
    done = await fake.click(confirm, "cb:priv:delete")
    # 3 attempts, their reviews, 1 score row, 1 question.
    data_rows = 3 + 1 + 1
    assert done.content.startswith("C'est fait : ")
    assert int(done.content.split(": ")[1].split()[0]) >= data_rows
    mine = fake.bot.store.export_user(str(STUDENT.id))
    assert all(mine[table] == [] for table in ("attempts", "reviews", "scores", "questions"))
    assert fake.bot.store.export_user(str(ENGLISH_STUDENT.id))["attempts"]  # others untouched
    # The running quiz ended with the deletion: it cannot save new answers.
    assert quiz_cog(fake).solo.runs == {}
    stale = await fake.click(running, running.buttons[0]["custom_id"])
    assert stale.content == t("quiz_over", "fr")
