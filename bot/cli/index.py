"""``python -m bot index``: embed the course for the dense search now, with a progress bar, so
that the bot starts with its index warm."""

from __future__ import annotations

import argparse
import sys

from bot.cli.course import add_content_option, app_for_cli
from bot.config import dense_enabled, load_settings
from bot.i18n import t


def cmd_index(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    settings = load_settings(getattr(args, "config", None))
    lang = args.lang or settings.language
    if not dense_enabled(settings):
        print(t("index_off", lang), file=sys.stderr)
        return 1
    app = app_for_cli(args, settings, lang=lang)
    dense = app.engine.matcher.dense
    if dense is None:
        print(t("index_unavailable", lang), file=sys.stderr)
        return 1
    # The build runs on the matcher's worker thread already; this only watches it.
    with tqdm(total=dense.progress[1], unit="section", desc=t("index_progress", lang),
              file=sys.stderr, disable=args.quiet) as bar:
        try:
            while not dense.finished.wait(0.2):
                bar.total = dense.progress[1]
                bar.n = dense.progress[0]
                bar.refresh()
        except KeyboardInterrupt:
            dense.stop()
            dense.finished.wait()
            bar.close()
            done, total = dense.progress
            print(t("index_interrupted", lang, done=done, total=total), file=sys.stderr)
            return 130
        bar.n = dense.progress[0]
        bar.refresh()
    if not dense.is_ready:
        print(t("index_failed", lang, why=dense.status()), file=sys.stderr)
        return 1
    print(t("index_ready", lang, sections=dense.progress[1]), file=sys.stderr)
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("index", help="embed the course for the dense search (resumable)")
    add_content_option(p)
    p.add_argument("--lang", choices=["fr", "en"], help="language of the messages")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_index)
