"""``python -m bot run``: start the Discord bot with the token from ``DISCORD_TOKEN``."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.cli.course import add_content_option
from bot.config import database_for, load_settings, require_folder
from bot.i18n import t

EXIT_NO_TOKEN = 2


def cmd_run(args: argparse.Namespace) -> int:
    """Run the bot until it is stopped; exit 2 when the token is missing or rejected."""
    configured = load_settings(getattr(args, "config", None))
    # Another course than the configured one keeps its records apart (see database_for).
    settings = load_settings(getattr(args, "config", None), content_dir=args.content,
                             database=database_for(configured, args.content))
    token = (settings.token or "").strip()
    if not token:
        print(t("run_no_token", settings.language), file=sys.stderr)
        return EXIT_NO_TOKEN
    require_folder(settings.content_dir, "--content" if args.content else "content_dir")

    import aiohttp
    import discord

    from bot.discord_bot import create_bot
    from bot.discord_bot.shared.logs import configure_logging

    configure_logging(settings.log_level, secrets=[token])
    # The bot opens settings.database (quiz progress, unanswered questions, feedback, per-server
    # settings); when it cannot, it logs why and keeps answering without saving.
    bot = create_bot(settings, sync_on_start=True)

    async def serve() -> None:
        async with bot:
            await bot.start(token)

    try:
        asyncio.run(serve())
    except discord.LoginFailure:
        print(t("run_bad_token", settings.language), file=sys.stderr)
        return EXIT_NO_TOKEN
    except (aiohttp.ClientError, OSError) as exc:
        print(t("run_unreachable", settings.language, error=exc), file=sys.stderr)
        return 1
    except discord.PrivilegedIntentsRequired:
        print(t("run_intent", settings.language), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Register ``run`` on the command line."""
    p = sub.add_parser("run", help="start the Discord bot (token from DISCORD_TOKEN)")
    # Also accepted after "run"; SUPPRESS keeps a --config given before it.
    p.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS, help="configuration file")
    add_content_option(p)
    p.set_defaults(func=cmd_run)
