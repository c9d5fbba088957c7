"""/ask through the real command tree: embeds, buttons, hooks, limits and manners."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from bot.config import AnswerSettings, CooldownSettings
from bot.discord_bot import Feedback, Unanswered
from bot.i18n import t
from discord_helpers import (
    CORPUS,
    CORPUS_MISSING,
    ENGLISH_STUDENT,
    RESPONSE_UPDATE,
    STUDENT,
    assert_within_limits,
    content_copy,
    fake_discord,
    settings_for,
    student,
)

LONG_SECTION = "\n".join(
    ["# 9.1. Un module très long", "", "Une introduction courte.", "", "## 9.1.1 Longue section :"]
    + [
        f"Phrase numéro {i} sur les volumes Docker et leur cycle de vie, assez longue pour "
        f"remplir la page."
        for i in range(120)
    ]
)


async def test_ask_answers_with_an_embed_from_the_course():
    fake = await fake_discord()
    reply = await fake.slash("ask", question="image vs conteneur ?")
    embed = reply.embed
    assert embed["author"]["name"] == "❓ image vs conteneur ?"
    assert "Image Docker" in embed["description"]
    assert "Module 3.1" in embed["footer"]["text"]
    assert "3.1-conteneur-vs-image-docker.md:" in embed["footer"]["text"]
    assert not reply.ephemeral
    assert {b["custom_id"] for b in reply.buttons} >= {"cb:vote:up:3.1", "cb:vote:down:3.1"}
    assert_within_limits(reply)


async def test_a_short_section_offers_no_see_more():
    fake = await fake_discord()
    reply = await fake.slash("ask", question="c'est quoi une instance ?")
    assert reply.embed["title"] == "Instance"
    assert not [b for b in reply.buttons if b["custom_id"].startswith("cb:more:")]


@pytest.mark.skipif(not CORPUS.is_dir(), reason=CORPUS_MISSING)
async def test_the_longest_section_of_the_real_course_fits_discord():
    fake = await fake_discord(settings_for(CORPUS))
    course = fake.bot.course_state.course
    longest = max(course.sections(), key=lambda s: len(s.text))
    assert len(longest.text) > 4096, "the test needs a section longer than an embed"
    reply = await fake.slash("ask", question=longest.title)
    assert reply.button("cb:more:")["custom_id"] == f"cb:more:{longest.id}"
    assert len(reply.embed["description"]) < len(longest.text)
    assert_within_limits(reply)
    page = await fake.click(reply, "cb:more:")
    assert page.ephemeral
    assert_within_limits(page)


async def test_see_more_pages_through_a_long_section(tmp_path):
    folder = content_copy(tmp_path)
    (folder / "9.1-long.md").write_text(LONG_SECTION, encoding="utf-8")
    fake = await fake_discord(settings_for(folder))
    section = fake.bot.course_state.course.section("9.1.1")
    reply = await fake.slash("ask", question="le cycle de vie des volumes, phrase numéro 3")
    assert reply.button("cb:more:")["custom_id"] == "cb:more:9.1.1", reply.embed
    first = await fake.click(reply, "cb:more:")
    assert first.ephemeral
    pages = first.embed["footer"]["text"].rsplit("page 1/", 1)[1]
    total = int(pages)
    assert total >= 3
    assert first.button("cb:page:prev")["disabled"]
    seen = [first.embed["description"]]
    current = first
    for number in range(2, total + 1):
        current = await fake.click(current, "cb:page:next")
        assert current.type == RESPONSE_UPDATE  # edits the page in place
        assert current.embed["footer"]["text"].endswith(f"page {number}/{total}")
        assert_within_limits(current)
        seen.append(current.embed["description"])
    assert current.button("cb:page:next")["disabled"]
    back = await fake.click(current, "cb:page:prev")
    assert back.embed["description"] == seen[-2]
    # Nothing lost: every sentence of the section is on some page.
    joined = " ".join(" ".join(page.split()) for page in seen)
    for i in (0, 59, 119):
        assert f"Phrase numéro {i} " in joined
    assert len(seen) == total
    assert sum(len(p) for p in seen) >= len(section.text) - total  # only the cut spaces go


async def test_a_suggestion_button_answers_that_section():
    strict = AnswerSettings(answer_score=99.0)
    settings = dataclasses.replace(settings_for(), answer=strict)
    fake = await fake_discord(settings)
    reply = await fake.slash("ask", question="conteneur")
    assert reply.embed["title"] == t("suggest_title", "fr")
    picks = [b for b in reply.buttons if b["custom_id"].startswith("cb:pick:")]
    assert 1 <= len(picks) <= 3
    assert all(len(b["label"]) <= 80 for b in picks)
    chosen = next(b for b in picks if b["custom_id"] == "cb:pick:3.1.2")
    answer = await fake.click(reply, chosen["custom_id"])
    assert answer.ephemeral
    assert answer.embed["title"] == "Image Docker"
    assert answer.embed["author"]["name"] == "❓ conteneur"
    assert answer.button("cb:vote:up")["custom_id"] == "cb:vote:up:3.1.2"
    assert_within_limits(answer)


async def test_votes_reach_the_feedback_hook():
    received: list[Feedback] = []

    async def feedback(item: Feedback) -> None:
        received.append(item)

    fake = await fake_discord(feedback=feedback)
    reply = await fake.slash("ask", question="qu'est-ce qu'une image docker ?")
    thanks = await fake.click(reply, "cb:vote:down")
    assert thanks.ephemeral and thanks.content == t("feedback_down", "fr")
    await fake.click(reply, "cb:vote:up", who=ENGLISH_STUDENT)
    assert fake.last.content == t("feedback_up", "en")
    down, up = received
    assert (down.helpful, up.helpful) == (False, True)
    assert down.target == "3.1.2" and down.module_id == "3.1"
    assert down.question == "qu'est-ce qu'une image docker ?"
    assert down.user_id == STUDENT.id and up.user_id == ENGLISH_STUDENT.id


async def test_abstaining_is_kind_and_reaches_the_unanswered_hook():
    received: list[Unanswered] = []
    fake = await fake_discord(on_unanswered=received.append)
    reply = await fake.slash("ask", question="quelle est la recette de la pizza ?")
    assert reply.content == t("abstain", "fr", modules_command="/modules")
    assert not reply.embeds and not reply.buttons
    [item] = received
    assert item.question == "quelle est la recette de la pizza ?"
    assert item.user_id == STUDENT.id and item.module_id is None


async def test_a_failing_hook_does_not_stop_the_answer(caplog):
    def broken(_: Unanswered) -> None:
        raise RuntimeError("database is locked")

    fake = await fake_discord(on_unanswered=broken)
    with caplog.at_level(logging.ERROR):
        reply = await fake.slash("ask", question="quelle est la recette de la pizza ?")
    assert reply.content.startswith("Je ne trouve pas")
    assert "database is locked" in caplog.text


async def test_the_module_option_restricts_and_is_validated(tmp_path):
    folder = content_copy(tmp_path)
    (folder / "9.1-long.md").write_text(LONG_SECTION, encoding="utf-8")
    received: list[Unanswered] = []
    fake = await fake_discord(settings_for(folder), on_unanswered=received.append)
    inside = await fake.slash("ask", question="image vs conteneur ?", module="3.1")
    assert inside.embed["footer"]["text"].startswith("Module 3.1")
    elsewhere = await fake.slash("ask", question="image vs conteneur ?", module="9.1")
    assert "Module 3.1" not in str(elsewhere.payload)
    unknown = await fake.slash("ask", question="image ?", module="3.l")
    assert unknown.ephemeral
    assert "3.l" in unknown.content and "`3.1`" in unknown.content
    assert all(r.module_id in (None, "9.1") for r in received)


async def test_everyone_in_a_question_pings_nobody():
    fake = await fake_discord()
    for question in ("@everyone image vs conteneur ?", "@here <@&1002> pizza ?", "@everyone"):
        reply = await fake.slash("ask", question=question)
        assert reply.data["allowed_mentions"] == {"parse": []}, reply.payload


async def test_the_cooldown_holds_under_a_burst():
    settings = dataclasses.replace(
        settings_for(), cooldowns=CooldownSettings(ask_seconds=60, ask_burst=3)
    )
    fake = await fake_discord(settings)
    burst = [("ask", STUDENT, {"question": "image vs conteneur ?"})] * 10
    replies = await fake.slash_together(burst)
    answered = [r for r in replies if r.embeds]
    refused = [r for r in replies if not r.embeds]
    assert len(answered) == 3
    assert len(refused) == 7
    assert all(r.ephemeral and "Doucement" in r.content for r in refused)
    other = await fake.slash("ask", question="image vs conteneur ?", who=student(1))
    assert other.embeds, "another student is not slowed down"


async def test_english_users_get_english_chrome():
    fake = await fake_discord()
    reply = await fake.slash("ask", question="image vs container?", who=ENGLISH_STUDENT)
    assert reply.embed["fields"][0]["name"] == t("see_also", "en")
    assert reply.button("cb:more:")["label"] == "See more"


async def test_an_unexpected_error_is_answered_politely_and_logged(caplog, monkeypatch):
    fake = await fake_discord()
    fake.bot.on_interaction_error = type(fake.bot).on_interaction_error.__get__(fake.bot)

    def explode(*args, **kwargs):
        raise RuntimeError("index corrupted")

    monkeypatch.setattr(fake.bot.course_state, "ask", explode)
    with caplog.at_level(logging.ERROR):
        reply = await fake.slash("ask", question="image ?", who=ENGLISH_STUDENT)
    assert reply.ephemeral
    assert reply.content == t("error_generic", "en")
    assert "index corrupted" in caplog.text and "Traceback" in caplog.text


async def test_a_ta_faq_answer_gets_the_same_buttons(tmp_path):
    folder = content_copy(tmp_path)
    (folder / "faq.yaml").write_text(
        "questions:\n"
        "  - question: Quand a lieu l'examen de Docker ?\n"
        "    alternates: [date de l'examen docker]\n"
        "    answer: L'examen a lieu le 12 juin en salle B. Révisez les modules 3 et 4.\n",
        encoding="utf-8",
    )
    received: list[Feedback] = []
    fake = await fake_discord(settings_for(folder), feedback=received.append)
    reply = await fake.slash("ask", question="quand a lieu l'examen docker ?")
    assert "12 juin" in reply.embed["description"]
    # The FAQ's key holds its path: too long for a custom_id here, so it travels as a digest.
    assert len(reply.button("cb:vote:up:")["custom_id"]) <= 100
    await fake.click(reply, "cb:vote:up:")
    assert received[0].target.startswith("faq:") and received[0].target.endswith("faq.yaml:2")
    assert received[0].module_id is None
