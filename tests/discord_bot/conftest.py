"""Fixtures over the fake Discord (tests/discord_helpers.py, bot/discord_bot/testing.py): a
bot on the bundled content ready to drive, one wired to dpytest for mentions, and a writable
copy of the content. Tests may also call the helpers directly, with their own settings."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from discord_helpers import FakeDiscord, check_traps, content_copy, dpytest_discord, fake_discord


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    """The real bot on the bundled content, set up with no network; its unexpected errors fail
    the test."""
    driven = await fake_discord()
    yield driven
    driven.trap.check()


@pytest.fixture
async def fake_with_mentions() -> AsyncIterator[FakeDiscord]:
    """The real bot wired to dpytest, for messages and mentions; slash commands still work."""
    yield await dpytest_discord()
    check_traps()


@pytest.fixture
def course_folder(tmp_path):
    """A writable copy of the bundled content (for /reload)."""
    return content_copy(tmp_path)
