"""The Discord front end: ``create_bot(settings)`` builds the whole bot without a network.

Slash commands (``/ask``, ``/modules``, ``/module``, ``/section``, ``/reload``, ``/unanswered``),
mentions, and buttons all answer through the same core as the terminal chat.
"""

from __future__ import annotations

import logging

import discord
from discord.ext import commands

from bot.config import Settings
from bot.engine import Engine

from .client import CourseBot, ReloadOutcome, ShardedCourseBot, bot_intents
from .hooks import (
    Feedback,
    FeedbackHook,
    Hooks,
    MemoryUnanswered,
    Unanswered,
    UnansweredHook,
    UnansweredSource,
)
from .state import CourseState, build_state

__all__ = [
    "CourseBot",
    "CourseState",
    "Feedback",
    "Hooks",
    "MemoryUnanswered",
    "ReloadOutcome",
    "ShardedCourseBot",
    "Unanswered",
    "bot_intents",
    "create_bot",
]

log = logging.getLogger("coursebot.discord")


def create_bot(
    settings: Settings,
    engine: Engine | None = None,
    *,
    feedback: FeedbackHook | None = None,
    on_unanswered: UnansweredHook | None = None,
    list_unanswered: UnansweredSource | None = None,
    intents: discord.Intents | None = None,
    sync_on_start: bool = False,
) -> commands.Bot:
    """The bot, with every cog added in ``setup_hook``; nothing touches the network here.

    ``engine`` defaults to loading ``settings.content_dir``. ``feedback`` receives a ``Feedback``
    per 👍/👎, ``on_unanswered`` an ``Unanswered`` per abstention, and ``list_unanswered(guild_id,
    limit)`` feeds ``/unanswered``; each may be sync or async. ``intents`` overrides the intents
    derived from the settings (tests need the members intent for dpytest). Commands are pushed to
    Discord on start only with ``sync_on_start`` (``run`` sets it; tests never do).
    """
    state = (
        build_state(settings.content_dir, settings.answer)
        if engine is None
        else CourseState.of(engine)
    )
    for problem in state.engine.problems:
        log.warning("content %s: %s", problem.severity, problem)
    defaults = Hooks()
    hooks = Hooks(
        feedback=feedback or defaults.feedback,
        on_unanswered=on_unanswered or defaults.on_unanswered,
        list_unanswered=list_unanswered,
    )
    # The bot never joins voice channels: silence discord.py's warnings about voice libraries.
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
    cls = ShardedCourseBot if settings.discord.sharded else CourseBot
    bot = cls(
        command_prefix=commands.when_mentioned,
        intents=intents or bot_intents(settings),
        allowed_mentions=discord.AllowedMentions.none(),
        help_command=None,
    )
    bot._init_course(settings, state, hooks, sync_on_start)
    return bot
