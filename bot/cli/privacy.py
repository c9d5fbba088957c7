"""``privacy export|delete USER``: a student's data on request, for TAs at the terminal."""

from __future__ import annotations

import argparse
import json
import sys

from bot.config import load_settings
from bot.i18n import t
from bot.store import USER_TABLES, StoreUnavailable, existing_database


def cmd_privacy(args: argparse.Namespace) -> int:
    """Export or delete one user's rows; exit 1 when the database or the user has none."""
    settings = load_settings(getattr(args, "config", None))
    database = args.db or settings.database
    try:
        store = existing_database(database)
    except StoreUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    lang = args.lang or settings.language
    try:
        data = store.export_user(args.user)
        if not any(data[table] for table in USER_TABLES):
            # An empty export looks like a success and hides a mistyped id; say nothing matched,
            # and remind that Discord ids are numbers, the usual mistake being a display name.
            key = "privacy_cli_no_data" if args.user.isdigit() else "privacy_cli_no_data_name"
            print(t(key, lang, user=args.user, database=database), file=sys.stderr)
            return 1
        if args.action == "export":
            print(json.dumps(data, ensure_ascii=False, indent=2))
            return 0
        if not args.yes:
            message = t("privacy_cli_confirm", lang, user=args.user, database=database)
            print(message, file=sys.stderr)
            return 1
        removed = store.delete_user(args.user)
        print(json.dumps({"user_id": args.user, "removed": removed}))
        return 0
    except StoreUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("privacy", help="export or delete one student's data (JSON)")
    p.add_argument("action", choices=["export", "delete"])
    p.add_argument("user", metavar="USER", help="the student id (Discord id or quiz --user)")
    p.add_argument("--db", metavar="PATH", help="database (default: configured)")
    p.add_argument("--yes", action="store_true", help="confirm a delete")
    p.add_argument("--lang", choices=["fr", "en"], help="language of the messages")
    p.set_defaults(func=cmd_privacy)
