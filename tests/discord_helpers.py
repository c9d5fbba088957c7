"""The Discord test harness: the fake Discord of :mod:`bot.discord_bot.testing` on the bundled
content, plus what only tests need (Discord's limits as assertions, dpytest for mentions, a
writable copy of the content)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import discord

from bot.config import QuizSettings, Settings
from bot.discord_bot import create_bot, testing
from bot.discord_bot.testing import (  # noqa: F401 - re-exported for the tests
    ADMIN,
    BOT_PERMISSIONS,
    CHANNEL_ID,
    ENGLISH_STUDENT,
    GUILD_ID,
    HELP_CHANNEL_ID,
    RESPONSE_DEFERRED,
    RESPONSE_MODAL,
    RESPONSE_UPDATE,
    STUDENT,
    TA,
    TA_ROLE_ID,
    FakeDiscord,
    FakeHTTPSession,
    Person,
    Sent,
    answer,
    check_traps,
    embed_chars,
    http_error,
    member_payload,
    quiz_cog,
    reply_for,
    spy_channel_sends,
    spy_reactions,
    student,
    through_discord_http,
)

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
CORPUS = ROOT.parent / "shared" / "corpus" / "formation-docker"
CORPUS_MISSING = f"the full course is not at {CORPUS} (optional shared corpus)"


def settings_for(
    content: Path | str = CONTENT, quiz: QuizSettings | None = None, **discord_keys: Any
) -> Settings:
    """Defaults on ``content`` (the bundled course unless given; no config file, no environment,
    a database in memory); ``quiz`` replaces the quiz settings, ``discord_keys`` set
    ``discord.*``."""
    return testing.settings_for(content, quiz, **discord_keys)


async def fake_discord(settings: Settings | None = None, **kwargs: Any) -> FakeDiscord:
    """The real bot from ``create_bot`` on the bundled content, set up and ready to drive."""
    return await testing.fake_discord(settings or settings_for(), **kwargs)
def assert_within_limits(sent: Sent) -> None:
    """Every Discord limit on one reply."""
    assert len(sent.content) <= 2000
    assert len(sent.embeds) <= 10
    assert sum(embed_chars(e) for e in sent.embeds) <= 6000  # all embeds of a message together
    for embed in sent.embeds:
        assert len(embed.get("title", "")) <= 256
        assert len(embed.get("description", "")) <= 4096
        assert len(embed.get("author", {}).get("name", "")) <= 256
        assert len(embed.get("footer", {}).get("text", "")) <= 2048
        assert len(embed.get("fields", [])) <= 25
        for f in embed.get("fields", []):
            assert 0 < len(f["name"]) <= 256 and 0 < len(f["value"]) <= 1024
        assert embed_chars(embed) <= 6000
    assert len(sent.rows) <= 5
    for row in sent.rows:
        assert len(row) <= 5
        for button in row:
            assert len(button.get("label", "")) <= 80
            assert len(button.get("custom_id", "")) <= 100


def content_copy(tmp_path: Path, source: Path = CONTENT) -> Path:
    """A writable copy of a content folder."""
    target = tmp_path / "content"
    shutil.copytree(source, target)
    return target


async def dpytest_discord(settings: Settings | None = None, **kwargs: Any) -> FakeDiscord:
    """The real bot wired to dpytest (for messages and mentions), slash commands still usable.

    dpytest needs the members intent; it replaces the connection state, so the setup hook runs
    after it and the command tree is linked to the new state.
    """
    import discord.ext.test as dpytest

    intents = discord.Intents.default()
    intents.members = True
    bot = create_bot(settings or settings_for(), intents=intents, **kwargs)
    await bot._async_setup_hook()
    dpytest.configure(bot)
    await bot.setup_hook()
    bot._connection._command_tree = bot.tree
    return await FakeDiscord(bot).start(setup=False, channels=False)
