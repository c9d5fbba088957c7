"""Mentions and help channels, through dpytest: answers as replies, manners, and silence."""

from __future__ import annotations

import logging
from dataclasses import replace

import discord
import discord.ext.test as dpytest
import pytest

from bot.config import CooldownSettings
from bot.discord_bot import bot_intents
from bot.discord_bot.ask import cog as ask_cog
from bot.i18n import t
from discord_helpers import (
    Person,
    check_traps,
    dpytest_discord,
    member_payload,
    settings_for,
    spy_channel_sends,
    spy_reactions,
)


@pytest.fixture(autouse=True)
async def _clean_dpytest():
    yield
    await dpytest.empty_queue()
    check_traps()


def mention(bot: discord.Client, text: str) -> str:
    return f"<@{bot.user.id}> {text}"


async def test_a_mention_is_answered_from_module_3_1():
    fake = await dpytest_discord()
    sends = spy_channel_sends(fake.bot)
    question = await dpytest.message(mention(fake.bot, "image vs conteneur ?"))
    reply = dpytest.get_message()
    assert reply.embeds, reply.content
    embed = reply.embeds[0]
    assert embed.footer.text.startswith("Module 3.1")
    assert embed.author.name == "❓ image vs conteneur ?"  # the mention itself is stripped
    [payload] = sends
    assert payload["message_reference"]["message_id"] == question.id
    assert payload["allowed_mentions"] == {"parse": [], "replied_user": False}


async def test_a_mention_of_everyone_pings_nobody():
    fake = await dpytest_discord()
    sends = spy_channel_sends(fake.bot)
    await dpytest.message(mention(fake.bot, "@everyone @here image vs conteneur ?"))
    dpytest.get_message()
    assert sends[0]["allowed_mentions"]["parse"] == []


async def test_bots_and_the_bot_itself_are_ignored():
    fake = await dpytest_discord()
    config = dpytest.get_config()
    guild = config.guilds[0]
    robot_user = dpytest.backend.make_user("robot", 1)
    robot_user.bot = True
    robot = dpytest.backend.make_member(robot_user, guild)
    await dpytest.message(mention(fake.bot, "image vs conteneur ?"), member=robot)
    await dpytest.message(mention(fake.bot, "image vs conteneur ?"), member=guild.me)
    assert dpytest.verify().message().nothing()


async def test_a_plain_message_is_not_answered_by_default():
    await dpytest_discord()
    await dpytest.message("image vs conteneur ?")
    assert dpytest.verify().message().nothing()


async def test_abstaining_on_a_mention_reaches_the_unanswered_hook():
    fake = await dpytest_discord()
    question = await dpytest.message(mention(fake.bot, "quelle est la recette de la pizza ?"))
    reply = dpytest.get_message()
    assert reply.content == t("abstain", "fr", modules_command="/modules")
    [row] = fake.bot.store.export_user(str(question.author.id))["questions"]
    assert (row["question"], row["outcome"]) == ("quelle est la recette de la pizza ?", "abstain")
    assert row["guild_id"] == question.guild.id


async def test_mentions_share_the_cooldown():
    settings = replace(settings_for(), cooldowns=CooldownSettings(ask_seconds=60, ask_burst=2))
    fake = await dpytest_discord(settings)
    reactions = spy_reactions(fake.bot)
    for _ in range(4):
        await dpytest.message(mention(fake.bot, "image vs conteneur ?"))
    assert dpytest.get_message().embeds and dpytest.get_message().embeds
    assert dpytest.verify().message().nothing()
    assert reactions == ["⏳", "⏳"]
    # /ask counts against the same budget.
    refused = await fake.slash("ask", question="image vs conteneur ?", who=_member_person())
    assert refused.ephemeral and "Doucement" in refused.content


def _member_person() -> Person:
    member = dpytest.get_config().members[0]
    return Person(member_payload(member.id, member.name))


@pytest.mark.parametrize(
    ("enabled", "text", "answered"),
    [
        (True, "comment on crée une image docker ?", True),
        (True, "quelle est la recette de la pizza ?", False),  # not confident: stay quiet
        (True, "merci pour l'image docker", False),  # not a question
        (False, "comment on crée une image docker ?", False),
    ],
)
async def test_help_channels_get_confident_answers_only(enabled, text, answered):
    fake = await dpytest_discord(settings_for(message_content=True))
    channel = dpytest.get_config().channels[0]
    # Per-server settings (what /settings stores) decide, over the file's (off, no channel).
    configs = fake.bot.guild_configs
    await configs.set(channel.guild.id, "help_channels", str(channel.id))
    if enabled:
        await configs.set(channel.guild.id, "answer_in_help_channels", "on")
    await dpytest.message(text, channel=channel)
    if answered:
        assert dpytest.get_message().embeds
    else:
        assert dpytest.verify().message().nothing()


@pytest.mark.parametrize(("bar", "answered"), [(0.0, True), (99.9, False)])
async def test_help_channels_need_more_than_a_confident_answer(monkeypatch, bar, answered):
    monkeypatch.setattr(ask_cog, "UNPROMPTED_MIN_SCORE", bar)
    fake = await dpytest_discord(settings_for(message_content=True))
    channel = dpytest.get_config().channels[0]
    await fake.bot.guild_configs.set(channel.guild.id, "help_channels", str(channel.id))
    await fake.bot.guild_configs.set(channel.guild.id, "answer_in_help_channels", "on")
    question = "c'est quoi une instance ?"
    assert fake.bot.course_state.ask(question).answered
    await dpytest.message(question, channel=channel)
    if answered:
        assert dpytest.get_message().embeds
    else:
        assert dpytest.verify().message().nothing()
    # A mention is asked: the usual bar applies.
    await dpytest.message(mention(fake.bot, question), channel=channel)
    assert dpytest.get_message().embeds


async def test_a_failure_on_a_mention_is_apologised_for_and_logged(caplog, monkeypatch):
    fake = await dpytest_discord()
    fake.bot.on_error = type(fake.bot).on_error.__get__(fake.bot)

    def explode(*args, **kwargs):
        raise RuntimeError("matcher exploded")

    monkeypatch.setattr(fake.bot.course_state, "ask", explode)
    with caplog.at_level(logging.ERROR):
        await dpytest.message(mention(fake.bot, "image ?"))
    assert dpytest.get_message().content == t("error_generic", "fr")
    assert "matcher exploded" in caplog.text


def test_the_message_content_intent_is_off_unless_configured():
    assert not bot_intents(settings_for()).message_content
    assert bot_intents(settings_for(message_content=True)).message_content
    assert not bot_intents(settings_for()).members  # privileged too: never asked for
