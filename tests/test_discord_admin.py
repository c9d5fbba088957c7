"""TA commands: /reload keeps serving on broken content; /unanswered lists what was missed."""

from __future__ import annotations

from bot.discord_bot import MemoryUnanswered
from bot.i18n import t
from discord_helpers import (
    ADMIN,
    ENGLISH_STUDENT,
    RESPONSE_DEFERRED,
    STUDENT,
    TA,
    TA_ROLE_ID,
    Sent,
    assert_within_limits,
    content_copy,
    fake_discord,
    settings_for,
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
    assert reply.embed["description"].startswith("Rechargement refusé (1 erreur(s))")
    errors = reply.embed["fields"][0]["value"]
    assert "3.2-hub.md:3" in errors and "UTF-8" in errors
    assert_within_limits(reply)
    assert fake.bot.course_state is before
    answer = await fake.slash("ask", question="image vs conteneur ?")
    assert "Module 3.1" in answer.embed["footer"]["text"]


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


async def test_unanswered_lists_the_recorded_questions():
    memory = MemoryUnanswered()
    fake = await fake_discord(on_unanswered=memory.record, list_unanswered=memory.recent)
    for question in ("recette de la pizza ?", "kubernetes helm chart ?"):
        await fake.slash("ask", question=question)
    refused = await fake.slash("unanswered", who=STUDENT)
    assert refused.content == t("not_ta", "fr", role="TA")
    reply = await fake.slash("unanswered", who=TA)
    assert reply.ephemeral
    assert reply.embed["title"] == t("unanswered_title", "fr", count=2)
    lines = reply.embed["description"].splitlines()
    assert lines[0].startswith("• kubernetes helm chart ?")  # most recent first
    assert lines[1].startswith("• recette de la pizza ?")
    one = await fake.slash("unanswered", who=TA, limit=1)
    assert len(one.embed["description"].splitlines()) == 1


async def test_unanswered_without_a_source_says_nothing_is_recorded():
    fake = await fake_discord()
    reply = await fake.slash("unanswered", who=TA)
    assert reply.content == t("unanswered_not_recorded", "fr")
    memory = MemoryUnanswered()
    empty = await fake_discord(list_unanswered=memory.recent)
    assert (await empty.slash("unanswered", who=TA)).content == t("unanswered_none", "fr")
