"""Talking to Discord when Discord may say no: every call is tried once and its failure logged.

discord.py already retries what is worth retrying (a 429 within ``MAX_RATELIMIT_WAIT``, a 5xx a
few times) and then raises; the bot never loops on top of that, so nothing is retried forever.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import Any

import discord

log = logging.getLogger("coursebot.discord")

NONE = discord.AllowedMentions.none()
# A rate limit asking to wait longer than this raises discord.RateLimited instead of sleeping
# (30 s is the smallest value discord.py accepts).
MAX_RATELIMIT_WAIT = 30.0
# RateLimited is not an HTTPException: both mean "Discord did not take this message".
SEND_ERRORS: tuple[type[Exception], ...] = (discord.HTTPException, discord.RateLimited)


def describe(error: BaseException) -> str:
    """A short reason for the log: the HTTP status and Discord's message, or the wait asked."""
    if isinstance(error, discord.RateLimited):
        return f"rate limited for {error.retry_after:.0f} s"
    if isinstance(error, discord.HTTPException):
        return f"HTTP {error.status} {error.text or ''}".strip()
    return repr(error)


async def attempt(call: Awaitable[Any], what: str) -> bool:
    """Await one call to Discord; False (logged) when Discord refused it or gave up."""
    try:
        await call
    except SEND_ERRORS as exc:
        log.warning("%s failed: %s", what, describe(exc))
        return False
    return True


async def tell(interaction: discord.Interaction, text: str) -> bool:
    """Say ``text`` privately to whoever caused ``interaction``: as the reply when none was sent
    yet, else as a follow-up. False when Discord refused (an apology cannot be apologised for)."""
    if interaction.response.is_done():
        call = interaction.followup.send(text, ephemeral=True, allowed_mentions=NONE)
    else:
        call = interaction.response.send_message(text, ephemeral=True, allowed_mentions=NONE)
    return await attempt(call, f"private message to user {interaction.user.id}")
