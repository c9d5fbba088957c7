"""Solo /quiz through the real command tree: buttons, the typed-answer modal, timers, the store."""

from __future__ import annotations

import asyncio

import pytest

from bot.config import QuizSettings
from bot.i18n import t
from bot.quiz.items import MCQ, TRUE_FALSE, TYPED
from discord_helpers import (
    CORPUS,
    CORPUS_MISSING,
    ENGLISH_STUDENT,
    GUILD_ID,
    RESPONSE_DEFERRED,
    RESPONSE_MODAL,
    RESPONSE_UPDATE,
    STUDENT,
    TA,
    Sent,
    answer,
    assert_within_limits,
    content_copy,
    fake_discord,
    quiz_cog,
    settings_for,
    student,
)


def deferred_privately(fake, reply: Sent) -> bool:
    """The /quiz reply was first deferred as a private "thinking…" message, then edited."""
    first = fake.replies_to(reply.token)[0]
    return first.type == RESPONSE_DEFERRED and first.ephemeral and reply.kind == "edit"


def current_item(fake, who=STUDENT):
    quiz = fake.bot.quiz_service.solo(str(who.id))
    assert quiz is not None, "no quiz running"
    return quiz.current.item


async def until_typed(fake, message: Sent) -> Sent:
    """Answer right until the quiz asks a typed question; its message."""
    while current_item(fake).kind != TYPED:
        feedback = await answer(fake, message, current_item(fake), True, STUDENT)
        message = await fake.click(feedback, ":next")
    return message


async def test_a_full_solo_quiz_through_buttons_and_the_modal_is_saved():
    fake = await fake_discord()
    # 3.1 has five facts: asking for nine gives five questions, one per fact, and says why.
    first = await fake.slash("quiz", module="3.1", questions=9)
    assert deferred_privately(fake, first)
    assert first.content.startswith("Quiz du module 3.1")
    assert first.content.endswith("\n" + t("quiz_shorter", "fr", count=5, asked=9))
    assert first.embed["title"] == "Question 1/5"
    assert_within_limits(first)
    message, kinds, expected = first, set(), []
    for number in range(1, 6):
        item = current_item(fake)
        kinds.add(item.kind)
        if item.kind == TRUE_FALSE:
            assert message.labels[:2] == ["Vrai", "Faux"]
        elif item.kind == MCQ:
            assert message.labels[: len(item.options)] == ["A", "B", "C", "D"][: len(item.options)]
            assert f"**A.** {item.options[0]}" in message.embed["description"]
        else:
            assert message.labels[0] == t("quiz_answer_button", "fr")
        correct = number % 3 != 0  # every third answer is wrong
        expected.append((item.key, correct))
        feedback = await answer(fake, message, item, correct, STUDENT)
        assert feedback.type == RESPONSE_UPDATE  # the same (private) message, edited
        assert_within_limits(feedback)
        reveal = feedback.embeds[0]["description"]
        assert reveal.startswith("✓" if correct else "✗")
        assert t("quiz_explanation", "fr", explanation=item.explanation) in reveal
        source = item.source
        assert f"[{source.section}] {source.title}" in reveal  # the section to reread
        if item.kind == TYPED and correct:
            assert "Bonne réponse" in reveal
        if not correct and item.kind != TYPED:
            assert "Réponse attendue" in reveal
        if number < 5:
            assert feedback.labels == [t("quiz_next_button", "fr"), t("quiz_stop_button", "fr")]
            message = await fake.click(feedback, ":next")
            assert message.embed["title"] == f"Question {number + 1}/5"
    assert kinds == {MCQ, TRUE_FALSE, TYPED}
    assert len({key for key, _ in expected}) == 5  # never the same fact twice
    summary = feedback.embeds[1]
    assert summary["title"] == t("quiz_summary_title", "fr")
    assert summary["description"].startswith("Score : 4/5, en 0 min")
    assert t("quiz_review_sections", "fr") in summary["description"]
    assert "[3.1." in summary["description"]  # sections to review, with their ids
    assert not feedback.buttons
    attempts = fake.bot.store.export_user(str(STUDENT.id))["attempts"]
    assert [(a["item_key"], bool(a["correct"])) for a in attempts] == expected
    assert {a["mode"] for a in attempts} == {"solo"} and attempts[0]["guild_id"] == GUILD_ID
    # Finished: nothing left running, in the core or the front end.
    assert fake.bot.quiz_service.solo(str(STUDENT.id)) is None
    assert quiz_cog(fake).solo.runs == {}


async def test_a_typed_answer_says_why_it_was_accepted():
    fake = await fake_discord()
    message = await until_typed(fake, await fake.slash("quiz", module="3.1", questions=9))
    item = current_item(fake)
    modal = await fake.click(message, ":type")
    assert modal.type == RESPONSE_MODAL
    assert modal.data["title"] == message.embed["title"]
    assert item.prompt[:50] in str(modal.data["components"])
    typo = item.answer[:-2] + item.answer[-1] + item.answer[-2]  # two letters swapped
    feedback = await fake.submit_modal(modal, typo, on=message)
    reveal = feedback.embeds[0]["description"]
    assert reveal.startswith("✓ " + t("grade_typo", "fr", expected=item.answer)), reveal
    [*_, last] = fake.bot.store.export_user(str(STUDENT.id))["attempts"]
    assert (last["answer"], last["reason"], last["correct"]) == (typo, "typo", 1)


async def test_asking_for_help_in_the_modal_asks_again():
    fake = await fake_discord()
    message = await until_typed(fake, await fake.slash("quiz", module="3.1", questions=9))
    item = current_item(fake)
    before = fake.bot.store.export_user(str(STUDENT.id))["attempts"]
    modal = await fake.click(message, ":type")
    again = await fake.submit_modal(modal, "?", on=message)
    assert again.type == RESPONSE_UPDATE and again.embed["title"] == message.embed["title"]
    buttons = (t("quiz_answer_button", "fr"), t("quiz_skip_button", "fr"))
    help_text = t("quiz_discord_typed_help", "fr", answer=buttons[0], skip=buttons[1])
    assert again.content == help_text
    assert current_item(fake) is item
    assert fake.bot.store.export_user(str(STUDENT.id))["attempts"] == before  # nothing lost
    modal = await fake.click(again, ":type")
    passed = await fake.submit_modal(modal, "je ne sais pas", on=again)
    assert passed.embeds[0]["description"].startswith("✗ " + t("quiz_skipped", "fr"))


async def test_only_the_student_who_started_can_click():
    fake = await fake_discord()
    message = await fake.slash("quiz", module="3.1")
    item = current_item(fake)
    for button in message.buttons:  # an option, "answer", skip or stop: none works for others
        other = await fake.click(message, button["custom_id"], who=student(7))
        assert other.ephemeral and other.content == t("quiz_not_yours", "fr")
    assert current_item(fake) is item  # untouched
    assert fake.bot.store.export_user(str(student(7).id))["attempts"] == []


async def test_repeated_and_stale_clicks_show_the_current_state():
    fake = await fake_discord()
    message = await fake.slash("quiz", module="3.1", questions=3)
    item = current_item(fake)
    first = await answer(fake, message, item, True, STUDENT)
    # The reply was lost, the student clicks on the question again: the verdict again, saved once.
    again = await fake.click(message, message.buttons[0]["custom_id"])
    assert again.embeds == first.embeds and again.labels == first.labels
    nxt = await fake.click(first, ":next")
    twice = await fake.click(first, ":next")  # a double click does not skip a question
    assert twice.embed["title"] == nxt.embed["title"] == "Question 2/3"
    assert len(fake.bot.store.export_user(str(STUDENT.id))["attempts"]) == 1


async def test_skip_stop_and_a_new_quiz_replacing_the_old_one():
    fake = await fake_discord()
    old = await fake.slash("quiz", module="3.1", questions=3)
    skipped = await fake.click(old, ":skip")
    assert skipped.embeds[0]["description"].startswith("✗ " + t("quiz_skipped", "fr"))
    message = await fake.click(skipped, ":next")
    new = await fake.slash("quiz", module="3.1", questions=2)  # ends the first one
    stale = await fake.click(message, ":skip")
    assert stale.ephemeral and stale.content == t("quiz_over", "fr")
    stopped = await fake.click(new, ":stop")
    assert stopped.content == t("quiz_stopped", "fr") and not stopped.buttons
    assert stopped.embed["description"] == "\n".join(
        [t("quiz_summary_none", "fr"), t("quiz_next_more", "fr", command="/quiz module:3.1")]
    )
    assert quiz_cog(fake).solo.runs == {}
    again = await fake.slash("quiz", module="3.1")
    by_command = await fake.slash("quiz", stop=True)
    assert by_command.ephemeral and by_command.content == t("quiz_stopped", "fr")
    assert by_command.embed["title"] == t("quiz_summary_title", "fr")
    nothing = await fake.slash("quiz", stop=True)
    assert nothing.content == t("quiz_none_running", "fr")
    assert deferred_privately(fake, again)
    attempts = fake.bot.store.export_user(str(STUDENT.id))["attempts"]
    assert [a["reason"] for a in attempts] == ["skipped"]


async def test_a_question_times_out_then_an_idle_quiz_ends():
    settings = settings_for(quiz=QuizSettings(questions=2, solo_timeout_seconds=0.3))
    fake = await fake_discord(settings)
    interaction = fake.command("quiz", module="3.1")
    await fake.bot.tree._call(interaction)
    run = quiz_cog(fake).solo.runs[STUDENT.id]
    await asyncio.sleep(0.6)  # past the deadline: the timer closed the question
    edits = [s for s in fake.replies_to(interaction.token) if s.kind == "edit"][1:]
    assert len(edits) == 1  # after the question itself
    assert edits[0].embeds[0]["description"].startswith("✗ " + t("quiz_timeout", "fr"))
    assert edits[0].labels[0] == t("quiz_next_button", "fr")
    [missed] = fake.bot.store.export_user(str(STUDENT.id))["attempts"]
    assert (missed["reason"], missed["correct"]) == ("timeout", 0)
    await asyncio.sleep(0.6)  # left idle as long again: the quiz ends and is forgotten
    assert quiz_cog(fake).solo.runs == {}
    assert fake.bot.quiz_service.solo(str(STUDENT.id)) is None
    assert run.timer.done()
    last = fake.replies_to(interaction.token)[-1]
    assert last.content == t("quiz_idle_stopped", "fr") and not last.buttons


async def test_an_answer_after_the_deadline_is_a_timeout(monkeypatch):
    fake = await fake_discord()
    message = await fake.slash("quiz", module="3.1", questions=2)
    service = fake.bot.quiz_service
    # The clock jumps past the deadline before the timer fires (a busy loop, a slow click).
    monkeypatch.setattr(service.solo(str(STUDENT.id)), "clock", lambda: 4e9)
    feedback = await answer(fake, message, current_item(fake), True, STUDENT)
    assert feedback.embeds[0]["description"].startswith("✗ " + t("quiz_timeout", "fr"))


async def test_english_students_get_an_english_quiz():
    fake = await fake_discord()
    message = await fake.slash("quiz", module="3.1", questions=9, who=ENGLISH_STUDENT)
    assert message.content.startswith("Quiz on module 3.1")
    assert message.labels[-2:] == ["Skip", "Stop"]
    while current_item(fake, ENGLISH_STUDENT).kind != TRUE_FALSE:
        feedback = await fake.click(message, ":skip", who=ENGLISH_STUDENT)
        message = await fake.click(feedback, ":next", who=ENGLISH_STUDENT)
    assert message.labels[:2] == ["True", "False"]


async def test_unknown_modules_and_empty_quizzes_are_refused_kindly(tmp_path):
    fake = await fake_discord()
    unknown = await fake.slash("quiz", module="3.l")
    assert unknown.ephemeral and "3.l" in unknown.content
    title = fake.bot.quiz_service.course.modules[0].title  # "… une image Docker ?"
    assert unknown.content.endswith(f"`3.1` {title}") and "? ?" not in unknown.content
    choices = await fake.autocomplete("quiz", "module", "conteneur")
    assert choices[0]["value"] == "3.1"
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "1.1-vide.md").write_text("# 1.1 Un module sans résumé\n\nDu texte.\n", "utf-8")
    empty = await fake_discord(settings_for(folder))
    reply = await empty.slash("quiz", module="1.1")
    assert deferred_privately(empty, reply)
    assert reply.content.startswith("Aucune question disponible") and not reply.embeds
    assert quiz_cog(empty).solo.runs == {}


async def test_a_reload_keeps_a_running_quiz_going(tmp_path):
    fake = await fake_discord(settings_for(content_copy(tmp_path)))
    message = await fake.slash("quiz", module="3.1", questions=2)
    old_service = fake.bot.quiz_service
    await fake.slash("reload", who=TA)
    assert fake.bot.quiz_service is not old_service
    item = old_service.solo(str(STUDENT.id)).current.item
    feedback = await answer(fake, message, item, True, STUDENT)
    assert feedback.embeds[0]["description"].startswith("✓")
    nxt = await fake.click(feedback, ":next")
    item = old_service.solo(str(STUDENT.id)).current.item
    done = await answer(fake, nxt, item, True, STUDENT)
    assert done.embeds[1]["description"].startswith("Score : 2/2")
    assert old_service.solo(str(STUDENT.id)) is None  # finished on the service that started it


@pytest.mark.skipif(not CORPUS.is_dir(), reason=CORPUS_MISSING)
async def test_limits_hold_on_the_full_course():
    fake = await fake_discord(settings_for(CORPUS))
    message: Sent = await fake.slash("quiz", questions=20)  # a review quiz over the course
    for _ in range(20):
        assert_within_limits(message)
        item = current_item(fake)
        feedback = await answer(fake, message, item, False, STUDENT)
        assert_within_limits(feedback)
        if not any(b["custom_id"].endswith(":next") for b in feedback.buttons):
            break
        message = await fake.click(feedback, ":next")


async def test_quiz_autocomplete_offers_only_modules_with_questions(tmp_path):
    lessons = {
        "1.1-install.md": "# 1.1 Installer l'outil\n\n## 1.1.1 Sous Linux\n\nTéléchargez.\n",
        "1.2-bases.md": "# 1.2 Les bases\n\n## 1.2.1 Texte\n\nDu texte.\n\n## Résumé\n\n"
        "- **Image** : le modèle immuable d'un conteneur.\n"
        "- **Conteneur** : une instance d'une image qui tourne.\n"
        "- **Volume** : un stockage qui survit au conteneur.\n",
    }
    for name, text in lessons.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    fake = await fake_discord(settings_for(tmp_path))
    # An installation page has no summary to ask about: /quiz does not offer it...
    assert [c["value"] for c in await fake.autocomplete("quiz", "module", "")] == ["1.2"]
    assert "1.1" not in [c["value"] for c in await fake.autocomplete("quiz", "module", "1.1")]
    # ...while /module still lists every module.
    assert [c["value"] for c in await fake.autocomplete("module", "id", "")] == ["1.1", "1.2"]
    # Typed anyway, it is refused with the modules that have questions.
    refused = await fake.slash("quiz", module="1.1")
    assert refused.content.endswith(t("quiz_with_questions", "fr", modules="1.2"))
