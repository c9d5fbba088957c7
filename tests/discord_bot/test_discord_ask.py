"""/ask through the real command tree: embeds, buttons, hooks, limits and manners."""

from __future__ import annotations

import dataclasses
import logging

import pytest

from bot.app.unanswered import unanswered_groups
from bot.config import AnswerSettings, CooldownSettings
from bot.i18n import t
from bot.store import Store
from conftest import two_tagging_lessons
from discord_helpers import (
    CORPUS,
    CORPUS_MISSING,
    ENGLISH_STUDENT,
    GUILD_ID,
    RESPONSE_DEFERRED,
    RESPONSE_UPDATE,
    STUDENT,
    TA,
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


async def test_a_misread_word_is_shown_under_the_answer():
    fake = await fake_discord()
    reply = await fake.slash("ask", question="imgae vs conteneur ?")
    assert reply.embed["description"].endswith("*Compris : imgae → image*")
    plain = await fake.slash("ask", question="image vs conteneur ?")
    assert "Compris" not in plain.embed["description"]
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
    # Each option says what it holds: its opening line under its title.
    image = fake.bot.course_state.engine.course.section("3.1.2")
    opening = " ".join(image.text.split())[:40]
    assert opening and opening in " ".join(reply.embed["description"].split())
    chosen = next(b for b in picks if b["custom_id"] == "cb:pick:3.1.2")
    answer = await fake.click(reply, chosen["custom_id"])
    assert answer.ephemeral
    assert answer.embed["title"] == "Image Docker"
    assert answer.embed["author"]["name"] == "❓ conteneur"
    assert answer.button("cb:vote:up")["custom_id"] == "cb:vote:up:3.1.2"
    assert_within_limits(answer)


async def test_votes_are_stored_for_the_tas():
    fake = await fake_discord()
    store = fake.bot.store
    reply = await fake.slash("ask", question="qu'est-ce qu'une image docker ?")
    thanks = await fake.click(reply, "cb:vote:down")
    assert thanks.ephemeral and thanks.content == t("feedback_down", "fr")
    await fake.click(reply, "cb:vote:up", who=ENGLISH_STUDENT)
    assert fake.last.content == t("feedback_up", "en")
    [down] = store.export_user(str(STUDENT.id))["feedback"]
    [up] = store.export_user(str(ENGLISH_STUDENT.id))["feedback"]
    assert (down["helpful"], up["helpful"]) == (0, 1)
    assert down["section_id"] == "3.1.2" and down["guild_id"] == GUILD_ID
    assert down["question"] == "qu'est-ce qu'une image docker ?"
    # A 👎 joins the TAs' list; a 👍 does not.
    [group] = unanswered_groups(store, GUILD_ID)
    assert (group.question, group.unhelpful, group.section_ids) == (down["question"], 1, ("3.1.2",))


async def test_one_vote_per_student_per_answer_the_last_click_wins():
    fake = await fake_discord()
    reply = await fake.slash("ask", question="qu'est-ce qu'une image docker ?")
    for _ in range(4):
        await fake.click(reply, "cb:vote:down")
    listed = await fake.slash("unanswered", who=TA)
    counts = t("unanswered_counts", "fr", count=1, abstained=0, suggested=0, unhelpful=1)
    assert counts in listed.embed["description"]
    await fake.click(reply, "cb:vote:up")  # the answer helped after all
    [vote] = fake.bot.store.export_user(str(STUDENT.id))["feedback"]
    assert (vote["section_id"], vote["helpful"]) == ("3.1.2", 1)
    assert (await fake.slash("unanswered", who=TA)).content == t("unanswered_none", "fr")


async def test_a_thumbs_down_on_a_picked_suggestion_counts_the_question_once():
    strict = dataclasses.replace(settings_for(), answer=AnswerSettings(answer_score=99.0))
    fake = await fake_discord(strict)
    unsure = await fake.slash("ask", question="conteneur")
    picked = await fake.click(unsure, "cb:pick:")
    await fake.click(picked, "cb:vote:down")
    listed = await fake.slash("unanswered", who=TA)
    assert listed.embed["title"] == t("unanswered_title", "fr", count=1)
    counts = t("unanswered_counts", "fr", count=1, abstained=0, suggested=0, unhelpful=1)
    assert counts in listed.embed["description"]


async def test_abstentions_and_suggestions_are_stored_answers_are_not():
    strict = dataclasses.replace(settings_for(), answer=AnswerSettings(answer_score=99.0))
    fake = await fake_discord(strict)
    reply = await fake.slash("ask", question="quelle est la recette de la pizza ?")
    assert reply.content == t("abstain", "fr", modules_command="/modules")
    assert not reply.embeds and not reply.buttons
    await fake.slash("ask", question="conteneur")  # unsure: did you mean...
    rows = fake.bot.store.export_user(str(STUDENT.id))["questions"]
    assert [(r["question"], r["outcome"]) for r in rows] == [
        ("quelle est la recette de la pizza ?", "abstain"),
        ("conteneur", "suggest"),
    ]
    assert rows[1]["section_id"] and rows[0]["guild_id"] == GUILD_ID
    plain = await fake_discord()
    await plain.slash("ask", question="image vs conteneur ?")  # answered: nothing to follow up
    assert plain.bot.store.export_user(str(STUDENT.id))["questions"] == []


async def test_an_unusable_store_does_not_stop_the_answer(tmp_path, caplog):
    (tmp_path / "not-a-folder").write_text("x")
    store = Store(tmp_path / "not-a-folder" / "bot.sqlite3")
    assert store.problem
    fake = await fake_discord(store=store)
    with caplog.at_level(logging.WARNING):
        interaction = fake.command("ask", question="quelle est la recette de la pizza ?")
        await fake.bot.tree._call(interaction)
    answer, notice = fake.replies_to(interaction.token)
    assert answer.content.startswith("Je ne trouve pas") and not answer.ephemeral
    assert notice.ephemeral and notice.content == t("store_unavailable", "fr")  # once
    assert "question not saved" in caplog.text
    reply = await fake.slash("ask", question="qu'est-ce qu'une image docker ?")
    assert len(fake.replies_to(fake.sent[-1].token)) == 1  # answered: nothing to save, no notice
    thanks = await fake.click(reply, "cb:vote:up")
    assert thanks.content == t("feedback_up", "fr") + "\n" + t("store_unavailable", "fr")


async def test_the_module_option_restricts_and_is_validated(tmp_path):
    folder = content_copy(tmp_path)
    (folder / "9.1-long.md").write_text(LONG_SECTION, encoding="utf-8")
    fake = await fake_discord(settings_for(folder))
    inside = await fake.slash("ask", question="image vs conteneur ?", module="3.1")
    assert inside.embed["footer"]["text"].startswith("Module 3.1")
    elsewhere = await fake.slash("ask", question="image vs conteneur ?", module="9.1")
    assert "Module 3.1" not in str(elsewhere.payload)
    unknown = await fake.slash("ask", question="image ?", module="3.l")
    assert unknown.ephemeral
    assert "3.l" in unknown.content and "`3.1`" in unknown.content
    rows = fake.bot.store.export_user(str(STUDENT.id))["questions"]
    assert all(r["module_id"] in (None, "9.1") for r in rows)


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
    fake = await fake_discord(settings_for(folder))
    reply = await fake.slash("ask", question="quand a lieu l'examen docker ?")
    assert "12 juin" in reply.embed["description"]
    assert len(reply.button("cb:vote:up:")["custom_id"]) <= 100
    await fake.click(reply, "cb:vote:down:")
    [vote] = fake.bot.store.export_user(str(STUDENT.id))["feedback"]
    # Named by its question, which still names it after entries are added above it.
    assert vote["section_id"] == "faq:quand-a-lieu-examen-de-docker"


async def test_buttons_on_a_faq_answer_still_name_it_after_the_file_changes(tmp_path):
    folder = content_copy(tmp_path)
    faq = folder / "faq.yaml"
    faq.write_text("- question: Quand a lieu l'examen final ?\n  answer: Le 12 juin.\n"
                   "- question: Quand a lieu l'examen blanc ?\n  answer: Le 2 juin.\n",
                   encoding="utf-8")
    fake = await fake_discord(settings_for(folder))
    reply = await fake.slash("ask", question="quand a lieu l'examen ?")
    pick = reply.button("cb:pick:faq:quand-a-lieu-examen-blanc")
    # The TA adds an entry at the top and swaps the two others, then reloads.
    faq.write_text("- question: Où rendre le TP ?\n  answer: Sur Moodle.\n"
                   "- question: Quand a lieu l'examen blanc ?\n  answer: Le 3 juin.\n"
                   "- question: Quand a lieu l'examen final ?\n  answer: Le 12 juin.\n",
                   encoding="utf-8")
    assert (await fake.slash("reload", who=TA)).embed["description"].startswith("Contenu")
    shown = await fake.click(reply, pick["custom_id"])
    assert "3 juin" in str(shown.embed) and "12 juin" not in str(shown.embed)


async def test_a_confident_answer_offers_the_runners_up_one_click_away(tmp_path):
    fake = await fake_discord(settings_for(two_tagging_lessons(tmp_path / "two")))
    reply = await fake.slash("ask", question="étiqueter une version")
    assert reply.embed["title"] == "Comment étiqueter une version ?"
    [leads] = [f for f in reply.embed["fields"] if f["name"] == t("other_leads", "fr")]
    assert leads["value"].startswith("`2.1.1` Comment étiqueter une version ?")
    pick = reply.button("cb:pick:2.1.1")
    assert pick["label"].startswith("→ ")
    assert_within_limits(reply)
    other = await fake.click(reply, pick["custom_id"])
    assert other.ephemeral and other.embed["footer"]["text"].endswith("2.1-lecon.md:5)")


async def test_faq_answers_among_the_leads_name_no_empty_module(tmp_path):
    folder = content_copy(tmp_path)
    (folder / "faq.yaml").write_text(
        "- question: Quand a lieu l'examen final ?\n  answer: Le 12 juin.\n"
        "- question: Quand a lieu l'examen blanc ?\n  answer: Le 2 juin.\n",
        encoding="utf-8",
    )
    fake = await fake_discord(settings_for(folder))
    reply = await fake.slash("ask", question="quand a lieu l'examen ?")
    shown = reply.embed["description"] + "".join(f["value"] for f in reply.embed.get("fields", []))
    assert "`FAQ`" in shown
    assert "Module  " not in shown and "Module (" not in shown and "?`" not in shown


async def test_an_answer_made_of_the_sections_opening_says_it_once_with_its_command(tmp_path):
    from cli.test_ask_cli import STOP_LESSON

    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "1.1-services.md").write_text(STOP_LESSON, encoding="utf-8")
    fake = await fake_discord(settings_for(folder))
    reply = await fake.slash("ask", question="comment arrêter un service ?")
    description = reply.embed["description"]
    assert description.count("Pour arrêter un service") == 1
    assert "svcctl stop [NOM]" in description


async def test_ask_answers_off_the_event_loop_and_defers_when_answering_is_slow(monkeypatch):
    import threading
    import time

    from bot.discord_bot.ask import cog

    fake = await fake_discord()
    state = fake.bot.course_state
    loop_thread = threading.get_ident()
    seen = []
    ask = state.ask

    def slow_ask(question, module_id=None):
        seen.append(threading.get_ident())
        time.sleep(0.2)  # a queue of questions ahead of this one
        return ask(question, module_id)

    monkeypatch.setattr(state, "ask", slow_ask)
    monkeypatch.setattr(cog, "DEFER_AFTER", 0.05)
    interaction = fake.command("ask", STUDENT, question="qu'est-ce qu'une image docker ?")
    await fake.bot.tree._call(interaction)
    deferred, answer = fake.replies_to(interaction.token)
    assert seen and loop_thread not in seen
    assert deferred.type == RESPONSE_DEFERRED
    assert answer.kind == "followup" and answer.embed["title"] == "Image Docker"
