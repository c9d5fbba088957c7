"""/settings (TA): per-server language, help channels and unprompted answers, kept in SQLite."""

from __future__ import annotations

from dataclasses import replace

from bot.i18n import t
from bot.store import Store
from discord_helpers import (
    ADMIN,
    GUILD_ID,
    HELP_CHANNEL_ID,
    STUDENT,
    TA,
    Person,
    fake_discord,
    member_payload,
    settings_for,
)

GERMAN = Person(member_payload(2005, "studentin"), locale="de")


def fields(reply) -> dict[str, str]:
    return {f["name"]: f["value"] for f in reply.embed["fields"]}


async def test_settings_are_for_tas_only():
    fake = await fake_discord()
    for name, options in [
        ("settings show", {}),
        ("settings language", {"value": "en"}),
        ("settings help_channel", {"action": "add", "channel": HELP_CHANNEL_ID}),
    ]:
        refused = await fake.slash(name, who=STUDENT, **options)
        assert refused.ephemeral and refused.content == t("not_ta", "fr", role="TA")
    assert fake.bot.store.guild_settings(GUILD_ID) == {}


async def test_show_marks_what_comes_from_the_configuration_file():
    fake = await fake_discord()
    reply = await fake.slash("settings show", who=TA)
    assert reply.ephemeral and not reply.content
    shown = fields(reply)
    origin = " " + t("settings_from_file", "fr")
    assert shown[t("settings_language", "fr")] == "fr" + origin
    assert shown[t("settings_help_answers", "fr")] == t("settings_off", "fr") + origin
    assert shown[t("settings_help_channels", "fr")] == t("settings_none", "fr") + origin


async def test_help_channels_and_answers_are_stored_and_used(tmp_path):
    database = tmp_path / "bot.sqlite3"
    fake = await fake_discord(store=Store(database))
    added = await fake.slash(
        "settings help_channel", who=ADMIN, action="add", channel=HELP_CHANNEL_ID
    )
    assert added.content == t("settings_saved", "fr")
    assert fields(added)[t("settings_help_channels", "fr")] == f"<#{HELP_CHANNEL_ID}>"
    on = await fake.slash("settings answer_in_help_channels", who=TA, value="on")
    assert fields(on)[t("settings_help_answers", "fr")] == t("settings_on", "fr")
    # Without the message-content intent, the TA is told that only mentions are read.
    assert on.embed["footer"]["text"] == t("settings_needs_intent", "fr")
    config = fake.bot.guild_configs.get(GUILD_ID)
    assert config.answer_in_help_channels and config.help_channels == (HELP_CHANNEL_ID,)
    # Kept across a restart: a new bot on the same database reads them.
    again = await fake_discord(store=Store(database))
    assert again.bot.guild_configs.get(GUILD_ID).help_channels == (HELP_CHANNEL_ID,)
    removed = await again.slash(
        "settings help_channel", who=TA, action="remove", channel=HELP_CHANNEL_ID
    )
    assert fields(removed)[t("settings_help_channels", "fr")] == t("settings_none", "fr")
    reset = await again.slash("settings answer_in_help_channels", who=TA, value="default")
    origin = " " + t("settings_from_file", "fr")
    assert fields(reset)[t("settings_help_answers", "fr")] == t("settings_off", "fr") + origin
    assert again.bot.store.guild_settings(GUILD_ID) == {"help_channels": ""}


async def test_the_server_language_is_used_for_public_posts_and_other_locales():
    fake = await fake_discord()
    before = await fake.slash("ask", question="pizza ?", who=GERMAN)
    assert before.content == t("abstain", "fr", modules_command="/modules")
    reply = await fake.slash("settings language", who=TA, value="en")
    # The TA's client is in French: the TA is still answered in French.
    assert fields(reply)[t("settings_language", "fr")] == "en"
    assert reply.content == t("settings_saved", "fr")
    after = await fake.slash("ask", question="pizza ?", who=GERMAN)
    assert after.content == t("abstain", "en", modules_command="/modules")
    game = await fake.slash("quiz", module="3.1", mode="group", who=STUDENT)
    assert game.content.startswith("Group quiz on module 3.1")  # public: the server's language
    assert game.labels[-1] == "Stop"
    await fake.slash("settings language", who=TA, value="default")
    assert fake.bot.guild_language(GUILD_ID) == "fr"


async def test_settings_cannot_be_saved_without_a_database(tmp_path):
    (tmp_path / "file").write_text("x")
    fake = await fake_discord(store=Store(tmp_path / "file" / "bot.sqlite3"))
    reply = await fake.slash("settings language", who=TA, value="en")
    assert reply.ephemeral and reply.content == t("settings_not_saved", "fr")
    assert fake.bot.guild_language(GUILD_ID) == "fr"


async def test_a_configured_language_is_the_default():
    fake = await fake_discord(replace(settings_for(), language="en"))
    reply = await fake.slash("ask", question="pizza ?", who=GERMAN)
    assert reply.content == t("abstain", "en", modules_command="/modules")
