"""TA commands: /reload keeps serving on broken content; /unanswered lists what was missed."""

from __future__ import annotations

import pytest

from bot.i18n import t
from bot.store import Store
from discord_helpers import (
    ADMIN,
    ENGLISH_STUDENT,
    GUILD_ID,
    RESPONSE_DEFERRED,
    STUDENT,
    TA,
    TA_ROLE_ID,
    Sent,
    assert_within_limits,
    content_copy,
    fake_discord,
    settings_for,
    student,
)

NEW_MODULE = (
    "# 3.2. Qu'est-ce que Docker Hub ?\n\nDocker Hub est un registre public d'images.\n\n"
    "## 3.2.1 Le registre Docker Hub :\nDocker Hub héberge des images officielles.\n"
)


async def test_reload_is_refused_to_a_student(tmp_path):
    folder = content_copy(tmp_path)
    fake = await fake_discord(settings_for(folder))
    before = fake.bot.course_state
    (folder / "3.2-hub.md").write_text(NEW_MODULE, encoding="utf-8")
    for who, lang in ((STUDENT, "fr"), (ENGLISH_STUDENT, "en")):
        reply = await fake.slash("reload", who=who)
        assert reply.ephemeral
        assert reply.content == t("not_ta", lang, role="TA")
    assert fake.bot.course_state is before


async def test_reload_by_a_ta_serves_the_new_content(tmp_path):
    folder = content_copy(tmp_path)
    fake = await fake_discord(settings_for(folder))
    (folder / "3.2-hub.md").write_text(NEW_MODULE, encoding="utf-8")
    interaction = fake.command("reload", TA)
    await fake.bot.tree._call(interaction)
    deferred, done = fake.replies_to(interaction.token)
    assert deferred.type == RESPONSE_DEFERRED and deferred.ephemeral  # may take a while
    assert done.ephemeral
    assert done.embed["description"] == t("reload_ok", "fr", modules=2, sections=5)
    answer = await fake.slash("ask", question="c'est quoi docker hub ?")
    assert "Module 3.2" in answer.embed["footer"]["text"]


async def test_manage_server_counts_as_ta(tmp_path):
    fake = await fake_discord(settings_for(content_copy(tmp_path)))
    reply = await fake.slash("reload", who=ADMIN)
    assert reply.embed["description"].startswith("Contenu rechargé")


async def test_a_role_id_can_name_the_ta_role(tmp_path):
    fake = await fake_discord(settings_for(content_copy(tmp_path), ta_role=str(TA_ROLE_ID)))
    reply = await fake.slash("reload", who=TA)
    assert reply.embed["description"].startswith("Contenu rechargé")


async def test_broken_content_keeps_the_old_content_serving(tmp_path):
    folder = content_copy(tmp_path)
    fake = await fake_discord(settings_for(folder))
    before = fake.bot.course_state
    (folder / "3.2-hub.md").write_bytes(b"# 3.2. Docker Hub\n\ncaf\xe9 en Latin-1\n")
    reply = await fake.slash("reload", who=TA)
    assert reply.embed["description"].startswith("Rechargement refusé (1 erreur)")
    errors = reply.embed["fields"][0]["value"]
    assert "3.2-hub.md:3" in errors and "UTF-8" in errors
    assert_within_limits(reply)
    assert fake.bot.course_state is before
    answer = await fake.slash("ask", question="image vs conteneur ?")
    assert "Module 3.1" in answer.embed["footer"]["text"]


async def test_a_broken_quiz_item_is_a_warning_and_new_quizzes_use_the_new_content(tmp_path):
    folder = content_copy(tmp_path)
    fake = await fake_discord(settings_for(folder))
    before = fake.bot.quiz_service
    (folder / "3.2-hub.md").write_text(NEW_MODULE, encoding="utf-8")
    quiz = (folder / "quiz.yaml").read_text(encoding="utf-8")
    broken = '  - module: "3.1"\n    kind: mcq\n    prompt: "Sans réponse ?"\n'
    (folder / "quiz.yaml").write_text(quiz + broken, encoding="utf-8")
    reply = await fake.slash("reload", who=TA)
    assert reply.embed["description"] == t("reload_ok", "fr", modules=2, sections=5)
    [warnings] = reply.embed["fields"]
    assert warnings["name"] == t("warnings", "fr") and "quiz.yaml:" in warnings["value"]
    assert fake.bot.quiz_service is not before
    assert fake.bot.quiz_service.course.module("3.2") is not None


@pytest.mark.parametrize(
    ("name", "text"),
    [("faq.yaml", "- question: Dup\n  answer: a\n- question: Dup\n  answer: b\n"),
     ("synonyms.yaml", "groups:\n  - [conteneur, container]\n  - [volume, conteneur]\n")],
)
async def test_a_skipped_faq_or_synonym_entry_does_not_block_a_reload(tmp_path, name, text):
    folder = content_copy(tmp_path)
    fake = await fake_discord(settings_for(folder))
    (folder / "3.2-hub.md").write_text(NEW_MODULE, encoding="utf-8")
    (folder / name).write_text(text, encoding="utf-8")
    reply = await fake.slash("reload", who=TA)
    assert reply.embed["description"] == t("reload_ok", "fr", modules=2, sections=5)
    [warnings] = reply.embed["fields"]
    assert warnings["name"] == t("warnings", "fr") and f"{name}:" in warnings["value"]


@pytest.mark.parametrize(
    ("name", "data"),
    [("faq.yaml", b"- question: Que faut-il rendre ?\n  answer: Deux fichiers : le Dockerfile\n"),
     ("synonyms.yaml", "groups:\n  - [conteneur, boîte]\n".encode("latin-1")),
     ("quiz.yaml", b"questions: [\n")],
)
async def test_a_yaml_file_that_cannot_be_read_at_all_refuses_the_reload(tmp_path, name, data):
    # Every entry of the file would vanish at once: the FAQ, the synonyms or the quiz items
    # that answered a second ago.
    folder = content_copy(tmp_path)
    (folder / "faq.yaml").write_text(
        "- question: Quand a lieu l'examen ?\n  answer: Le 12 juin.\n", encoding="utf-8")
    fake = await fake_discord(settings_for(folder))
    before = fake.bot.course_state
    (folder / name).write_bytes(data)
    reply = await fake.slash("reload", who=TA)
    assert reply.embed["description"].startswith("Rechargement refusé (1 erreur)")
    assert f"{name}:" in reply.embed["fields"][0]["value"]
    assert fake.bot.course_state is before
    answer = await fake.slash("ask", question="quand a lieu l'examen ?")
    assert "12 juin" in str(answer.embed)


async def test_a_button_whose_passage_vanished_says_so(tmp_path):
    folder = content_copy(tmp_path)
    fake = await fake_discord(settings_for(folder))
    # A message sent before the reload, with buttons on section 3.1.2.
    old = Sent(
        "response",
        {
            "type": 4,
            "data": {
                "components": [
                    {
                        "type": 1,
                        "components": [
                            {
                                "type": 2,
                                "style": 1,
                                "label": "Voir plus",
                                "custom_id": "cb:more:3.1.2",
                            },
                            {
                                "type": 2,
                                "style": 1,
                                "label": "1. Image",
                                "custom_id": "cb:pick:3.1.2",
                            },
                        ],
                    }
                ]
            },
        },
    )
    module = folder / "3.1-conteneur-vs-image-docker.md"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("## 3.1.2 Image Docker :", "## Les images Docker"), "utf-8")
    await fake.slash("reload", who=TA)
    assert fake.bot.course_state.course.section("3.1.2") is None
    for button in ("cb:more:", "cb:pick:"):
        gone = await fake.click(old, button)
        assert gone.ephemeral and gone.content == t("expired", "fr")


async def test_unanswered_groups_the_stored_questions_of_this_server():
    fake = await fake_discord()
    questions = [
        "quelle est la recette de la pizza ?",
        "kubernetes helm chart ?",
        "la recette de la pizza ?",
        "recette pizza ?",
    ]
    for i, question in enumerate(questions):
        await fake.slash("ask", question=question, who=student(i))
    # Another server's question is not this server's business.
    fake.bot.store.record_question("quid du helm chart ?", "abstain", 0, None, None, "9", 555)
    refused = await fake.slash("unanswered", who=STUDENT)
    assert refused.ephemeral and refused.content == t("not_ta", "fr", role="TA")
    reply = await fake.slash("unanswered", who=TA)
    assert reply.ephemeral
    assert reply.embed["title"] == t("unanswered_title", "fr", count=2)
    first, second = reply.embed["description"].split("\n• ")
    # The most frequent first, with how often and how the bot failed, and other phrasings.
    assert "recette" in first.splitlines()[0] and "pizza" in first.splitlines()[0]
    counts = t("unanswered_counts", "fr", count=3, abstained=3, suggested=0, unhelpful=0)
    assert counts in first
    assert "« " in first  # other phrasings shown
    assert second.startswith("**kubernetes helm chart ?**")
    assert "quid" not in reply.embed["description"]
    assert_within_limits(reply)
    one = await fake.slash("unanswered", who=TA, limit=1)
    assert one.embed["title"] == t("unanswered_title", "fr", count=1)


async def test_unanswered_says_when_there_is_nothing_or_no_database(tmp_path):
    fake = await fake_discord()
    assert (await fake.slash("unanswered", who=TA)).content == t("unanswered_none", "fr")
    (tmp_path / "file").write_text("x")
    broken = await fake_discord(store=Store(tmp_path / "file" / "bot.sqlite3"))
    reply = await broken.slash("unanswered", who=TA)
    assert reply.ephemeral and reply.content == t("store_unreadable_ta", "fr")


async def test_unanswered_leaves_out_what_the_reloaded_content_answers(tmp_path):
    folder = content_copy(tmp_path)
    fake = await fake_discord(settings_for(folder))
    for n in (1, 2):
        await fake.slash("ask", question="quelle est la recette de la pizza ?", who=student(n))
    # A confident answer students voted down is still a TA's to-do, its section no lead.
    answer = await fake.slash("ask", question="qu'est-ce qu'une image docker ?", who=student(3))
    await fake.click(answer, "cb:vote:down", who=student(3))
    before = await fake.slash("unanswered", who=TA)
    assert before.embed["title"] == t("unanswered_title", "fr", count=2)
    pizza, image = before.embed["description"].split("\n• ")
    assert "pizza" in pizza and "2×" in pizza
    assert image.splitlines()[1:] == ["  " + t("unanswered_rejected", "fr", sections="`3.1.2`")]
    assert "footer" not in before.embed

    faq = '- question: "Quelle est la recette de la pizza ?"\n  answer: "Pas au programme."\n'
    (folder / "faq.yaml").write_text(faq, encoding="utf-8")
    await fake.slash("reload", who=TA)
    after = await fake.slash("unanswered", who=TA)
    assert after.embed["title"] == t("unanswered_title", "fr", count=1)
    assert "pizza" not in after.embed["description"]
    hidden = t("unanswered_answered_now", "fr", count=1)
    assert after.embed["footer"]["text"] == hidden
    assert_within_limits(after)


async def test_unanswered_says_how_many_it_left_out_when_it_lists_none():
    fake = await fake_discord()
    # Asked while the course did not cover it; the course served now answers it.
    fake.bot.store.record_question("image vs conteneur ?", "abstain", 0, None, None, "9", GUILD_ID)
    reply = await fake.slash("unanswered", who=TA)
    assert reply.ephemeral and reply.content == "\n".join(
        [t("unanswered_none", "fr"), t("unanswered_answered_now", "fr", count=1)]
    )
