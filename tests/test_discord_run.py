"""Starting the bot: the token, the log, command sync, sharding and command translations."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from unittest.mock import AsyncMock

import aiohttp
import discord
import pytest
from discord.ext import commands

from bot.cli import main as cli
from bot.discord_bot import ShardedCourseBot, create_bot
from bot.discord_bot.shared.logs import REDACTED, RedactSecrets
from bot.discord_bot.shared.translator import CourseTranslator
from bot.i18n import t
from discord_helpers import ROOT, fake_discord, settings_for

FAKE_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GfAkEt.0123456789abcdefghijklmnopqrstuvwxyzABCD"


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)


def test_run_without_a_token_says_how_to_get_one_and_exits_2(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISCORD_TOKEN", "COURSEBOT_CONFIG")}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [t("run_no_token", "fr")]
    assert "Reset Token" in lines[0] and "export DISCORD_TOKEN=" in lines[0]


def test_a_rejected_token_exits_2_and_debug_logs_never_show_it(
    tmp_path, monkeypatch, capfd, restore_logging
):
    config = tmp_path / "config.yaml"
    config.write_text(
        f"log_level: DEBUG\ncontent_dir: {ROOT / 'content'}\ndatabase: {tmp_path / 'db'}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("DISCORD_TOKEN", FAKE_TOKEN)
    seen: list[str] = []

    async def reject(self, token: str):
        # What Discord does with a bad token (HTTP 401), after a chatty library logged it.
        seen.append(token)
        logging.getLogger("discord.http").debug("POST /users/@me with Authorization: Bot %s", token)
        try:
            raise discord.HTTPException(AsyncMock(status=401, reason="Unauthorized"), token)
        except discord.HTTPException:
            logging.getLogger("discord.http").debug("login failed", exc_info=True)
        raise discord.LoginFailure("Improper token has been passed.")

    monkeypatch.setattr(discord.http.HTTPClient, "static_login", reject)
    code = cli.main(["run", "--config", str(config)])
    out, err = capfd.readouterr()
    assert code == 2
    assert seen == [FAKE_TOKEN]
    assert t("run_bad_token", "fr") in err
    assert "DEBUG" in err and REDACTED in err  # the log ran at DEBUG and was redacted
    assert FAKE_TOKEN not in out + err
    assert FAKE_TOKEN.split(".")[0] not in out + err


def test_the_filter_redacts_messages_arguments_and_tracebacks():
    record_filter = RedactSecrets([FAKE_TOKEN, ""])
    try:
        raise RuntimeError(f"bad header Bot {FAKE_TOKEN}")
    except RuntimeError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "token %s", (FAKE_TOKEN,), sys.exc_info()
        )
    record_filter.filter(record)
    text = logging.Formatter().format(record)
    assert FAKE_TOKEN not in text
    assert text.count(REDACTED) == 2


async def test_create_bot_needs_no_network_and_shards_when_asked():
    plain = await fake_discord()
    assert isinstance(plain.bot, commands.Bot)
    assert not isinstance(plain.bot, commands.AutoShardedBot)
    assert {c.name for c in plain.bot.tree.get_commands()} == {
        "ask", "modules", "module", "section", "reload", "unanswered", "quiz", "progress",
        "leaderboard", "privacy", "settings", "stats",
    }  # fmt: skip
    assert set(plain.bot.cogs) == {
        "AskCog", "CourseCog", "AdminCog", "QuizCog", "ProgressCog", "PrivacyCog", "SettingsCog",
        "StatsCog",
    }  # fmt: skip
    assert plain.bot.allowed_mentions.everyone is False
    sharded = create_bot(settings_for(sharded=True))
    assert isinstance(sharded, ShardedCourseBot) and isinstance(sharded, commands.AutoShardedBot)


@pytest.mark.parametrize(
    ("sync_on_start", "configured", "synced"),
    [(True, True, True), (False, True, False), (True, False, False)],
)
async def test_commands_sync_only_when_started_for_real(sync_on_start, configured, synced):
    bot = create_bot(settings_for(sync_commands=configured), sync_on_start=sync_on_start)
    bot.tree.sync = AsyncMock(return_value=[])
    await bot._async_setup_hook()
    await bot.setup_hook()
    if synced:
        bot.tree.sync.assert_awaited_once_with()  # global when no dev guild is set
    else:
        bot.tree.sync.assert_not_awaited()


async def test_dev_guilds_get_the_commands_at_once():
    bot = create_bot(settings_for(dev_guild_ids=(11, 12)))
    await bot._async_setup_hook()
    await bot.setup_hook()
    bot.tree.sync = AsyncMock(return_value=[])
    await bot.sync_commands()
    guilds = [call.kwargs["guild"].id for call in bot.tree.sync.await_args_list]
    assert guilds == [11, 12]
    assert {c.name for c in bot.tree.get_commands(guild=discord.Object(11))} >= {"ask", "reload"}


async def test_descriptions_are_french_with_english_translations():
    fake = await fake_discord()
    translator = CourseTranslator()
    for command in fake.bot.tree.get_commands():
        payload = await command.get_translated_payload(fake.bot.tree, translator)
        texts = [payload, *payload["options"]]
        for item in texts:
            english = item["description_localizations"]
            assert english["en-US"] == english["en-GB"] != item["description"]
            assert "fr" not in english
            assert 1 <= len(item["description"]) <= 100 and len(english["en-US"]) <= 100
    ask = fake.bot.tree.get_command("ask")
    assert ask.description == t("cmd_ask", "fr")


@pytest.mark.parametrize(
    ("failure", "code", "key"),
    [
        (aiohttp.ClientConnectionError("Cannot connect to host discord.com:443"), 1, None),
        (discord.PrivilegedIntentsRequired(None), 1, "run_intent"),
    ],
)
def test_start_failures_are_one_line(
    tmp_path, monkeypatch, capfd, restore_logging, failure, code, key
):
    monkeypatch.chdir(tmp_path)  # no config.yaml of the developer's
    monkeypatch.setenv("DISCORD_TOKEN", FAKE_TOKEN)
    monkeypatch.delenv("COURSEBOT_CONFIG", raising=False)

    async def fail(self, token: str):
        raise failure

    monkeypatch.setattr(discord.http.HTTPClient, "static_login", fail)
    assert cli.main(["run", "--content", str(ROOT / "content")]) == code
    err = capfd.readouterr().err
    expected = t(key, "fr") if key else t("run_unreachable", "fr", error=failure)
    assert expected in err and "Traceback" not in err
