"""``stats``: what students struggle with, for TAs at the terminal: questions per module and how
they ended, the topics still unanswered, quiz accuracy, the most missed facts and activity, as a
table, JSON, or a chart sheet (the figures of Discord's ``/stats``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.app.stats import DEFAULT_WINDOW, WINDOWS, course_stats
from bot.cli.course import add_content_option, answering_engine
from bot.cli.unanswered import ta_database
from bot.config import load_settings
from bot.i18n import t
from bot.present.stats_text import stats_json, stats_text


def cmd_stats(args: argparse.Namespace) -> int:
    """Print the stats (text or ``--json``) and write the chart sheet with ``--png``; 1 when
    the database cannot be read, which must not pass for "nothing happened"."""
    settings = load_settings(getattr(args, "config", None))
    lang = args.lang or settings.language
    # Opened as ``unanswered`` opens it: the same database, the same errors.
    store = ta_database(args, settings)
    if store is None:
        return 1
    try:
        # The content names modules and facts, and says which questions it now answers.
        engine = answering_engine(args, settings)
        stats = course_stats(store, engine.matcher, engine.quizzes, lang, args.since, args.guild)
    finally:
        store.close()
    if args.png:
        # Imported here: matplotlib takes a while to load, and only this option draws.
        from bot.present.charts import stats_png

        try:
            Path(args.png).write_bytes(stats_png(stats, lang))
        except OSError as exc:
            print(f"error: cannot write {args.png}: {exc.strerror}", file=sys.stderr)
            return 1
    if args.json:
        print(json.dumps(stats_json(stats), ensure_ascii=False))
    else:
        print(stats_text(stats, lang))
        if args.png:
            print(t("stats_png_written", lang, path=args.png), file=sys.stderr)
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "stats", help="questions, quiz accuracy and activity per module, no names (for TAs)"
    )
    add_content_option(p)
    p.add_argument("--db", metavar="PATH", help="database (default: configured)")
    p.add_argument(
        "--since",
        choices=list(WINDOWS),
        default=DEFAULT_WINDOW,
        help=f"the period counted (default {DEFAULT_WINDOW})",
    )
    p.add_argument("--guild", type=int, metavar="ID", help="one Discord server only")
    p.add_argument("--json", action="store_true", help="one JSON object")
    p.add_argument("--png", metavar="FILE", help="also write the chart sheet to FILE (PNG)")
    p.add_argument("--lang", choices=["fr", "en"], help="language of the text and the chart")
    p.set_defaults(func=cmd_stats)
