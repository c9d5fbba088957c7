"""``unanswered``: the questions the bot abstained on, was unsure about or got a 👎 for, and
that the content still does not answer, for TAs at the terminal (the same list as Discord's
``/unanswered``)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from bot.app.unanswered import open_questions
from bot.cli.course import add_content_option, answering_engine
from bot.config import Settings, database_for, load_settings
from bot.course.faq import FAQ_FILE
from bot.course.loader import display_path
from bot.i18n import t
from bot.present.text import faq_drafts, unanswered_text
from bot.store import Store, StoreUnavailable, existing_database


def _limit(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 200:
        raise argparse.ArgumentTypeError("expected 1 to 200")
    return value


def ta_database(args: argparse.Namespace, settings: Settings) -> Store | None:
    """The database a TA's command reads (``--db``, else that of the course in ``--content``:
    see :func:`bot.config.database_for`), or None after saying why on standard error: a
    missing or unreadable one must not pass for "no data"."""
    try:
        store = existing_database(database_for(settings, getattr(args, "content", None), args.db))
    except StoreUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    if not store.available:
        print(f"error: {store.problem}", file=sys.stderr)
        store.close()
        return None
    return store


def cmd_unanswered(args: argparse.Namespace) -> int:
    """Print the open questions (text, ``--json`` or ``--faq`` drafts); 1 when the database
    cannot be read, which must not pass for "no question"."""
    settings = load_settings(getattr(args, "config", None))
    lang = args.lang or settings.language
    store = ta_database(args, settings)
    if store is None:
        return 1
    try:
        # The content as it is now: what it answers is no longer a TA's to-do.
        engine = answering_engine(args, settings)
        found = open_questions(store, engine.matcher, args.guild, args.limit)
    finally:
        store.close()
    if args.json:
        print(json.dumps([asdict(g) for g in found.groups], ensure_ascii=False))
        if found.answered_now:
            print(t("unanswered_answered_now", lang, count=found.answered_now), file=sys.stderr)
    elif args.faq:
        content = Path(engine.content_dir)
        faq_path = display_path(content / FAQ_FILE, content)
        print(faq_drafts(found.groups, lang, faq_path, engine.faq, found.answered_now))
    else:
        print(unanswered_text(found.groups, lang, found.answered_now))
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "unanswered", help="questions the bot could not answer well, grouped (for TAs)"
    )
    add_content_option(p)
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
