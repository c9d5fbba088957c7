"""The Discord front end: ``create_bot(settings)`` builds the whole bot without a network.

Slash commands (``/ask``, ``/modules``, ``/module``, ``/section``, ``/quiz``, ``/progress``,
``/leaderboard``, ``/privacy``, and for TAs ``/reload``, ``/unanswered``, ``/settings``,
``/stats``),
mentions and buttons all go through the same core as the terminal chat, and one SQLite store.
"""

from __future__ import annotations

import logging

import discord
from discord.ext import commands

from bot.app.engine import CourseApp, Engine
from bot.config import Settings
from bot.discord_bot.client import CourseBot, ReloadOutcome, ShardedCourseBot, bot_intents
from bot.discord_bot.shared.sending import MAX_RATELIMIT_WAIT
from bot.discord_bot.shared.state import CourseState
from bot.store import Store

__all__ = [
    "CourseBot",
    "CourseState",
    "ReloadOutcome",
    "ShardedCourseBot",
    "bot_intents",
    "create_bot",
]

log = logging.getLogger("coursebot.discord")


def create_bot(
    settings: Settings,
    engine: Engine | None = None,
    *,
    store: Store | None = None,
    intents: discord.Intents | None = None,
    sync_on_start: bool = False,
) -> commands.Bot:
    """The bot, with every cog added in ``setup_hook``; nothing touches the network here.

    ``engine`` defaults to loading ``settings.content_dir``; ``store`` to opening
    ``settings.database`` (tests pass ``Store(":memory:")``). An unusable store is logged and the
    bot runs without saving. ``intents`` overrides the intents derived from the settings (tests
    need the members intent for dpytest). Commands are pushed to Discord on start only with
    ``sync_on_start`` (``run`` sets it; tests never do).
    """
    owns_store = store is None
    store = Store(settings.database) if store is None else store
    if store.problem:
        log.warning("database: %s; the bot answers but saves nothing", store.problem)
    # The composition root, shared with the CLI and the terminal chat: one engine, whose
    # matcher and quiz service are built once per load.
    if engine is None:
        app = CourseApp.load(settings.content_dir, settings, store)
    else:
        app = CourseApp(engine, settings, store)
        app.engine.warm()
    for problem in [*app.engine.problems, *app.engine.quiz_problems]:
        log.warning("content %s: %s", problem.severity, problem)
    # The bot never joins voice channels: silence discord.py's warnings about voice libraries.
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
    cls = ShardedCourseBot if settings.discord.sharded else CourseBot
    bot = cls(
        command_prefix=commands.when_mentioned,
        intents=intents or bot_intents(settings),
        allowed_mentions=discord.AllowedMentions.none(),
        help_command=None,
        max_ratelimit_timeout=MAX_RATELIMIT_WAIT,
    )
    bot._init_course(app, store, sync_on_start, owns_store)
    return bot
