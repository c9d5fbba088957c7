"""``unanswered``: the questions the bot abstained on, was unsure about or got a 👎 for, for
TAs at the terminal (the same list as Discord's ``/unanswered``)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from bot.config import load_settings
from bot.render_text import faq_drafts, unanswered_text
from bot.store import StoreUnavailable, existing_database


def _limit(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 200:
        raise argparse.ArgumentTypeError("expected 1 to 200")
    return value


def cmd_unanswered(args: argparse.Namespace) -> int:
    settings = load_settings(getattr(args, "config", None))
    try:
        store = existing_database(args.db or settings.database)
    except StoreUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        groups = store.unanswered(args.guild, args.limit)
    except StoreUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    if args.json:
        print(json.dumps([asdict(g) for g in groups], ensure_ascii=False))
    elif args.faq:
        print(faq_drafts(groups, args.lang or settings.language))
    else:
        print(unanswered_text(groups, args.lang or settings.language))
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "unanswered", help="questions the bot could not answer well, grouped (for TAs)"
    )
    p.add_argument("--db", metavar="PATH", help="database (default: configured)")
    p.add_argument("--limit", type=_limit, default=20, help="how many groups (default 20)")
    p.add_argument("--guild", type=int, metavar="ID", help="one Discord server only")
    output = p.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="one JSON list")
    output.add_argument(
        "--faq", action="store_true", help="drafts of faq.yaml entries to finish and paste"
    )
    p.add_argument("--lang", choices=["fr", "en"], help="language of the text")
    p.set_defaults(func=cmd_unanswered)
