"""``privacy export|delete USER``: a student's data on request, for TAs at the terminal."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.config import course_databases, load_settings
from bot.i18n import t
from bot.store import USER_TABLES, StoreUnavailable, existing_database


def cmd_privacy(args: argparse.Namespace) -> int:
    """Export or delete one user's rows; exit 1 when the database or the user has none.

    Without ``--db``, every course's database is covered: the configured one and those kept
    beside it for other content folders (see :func:`bot.config.database_for`), since a
    request about a student's data is about all of it."""
    settings = load_settings(getattr(args, "config", None))
    lang = args.lang or settings.language
    databases = [args.db] if args.db else course_databases(settings.database)
    if not databases:
        databases = [settings.database]  # missing: existing_database says so below
    exports: list[tuple[str, dict[str, Any]]] = []
    try:
        for database in databases:
            store = existing_database(database)
            try:
                exports.append((database, store.export_user(args.user)))
            finally:
                store.close()
    except StoreUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    where = ", ".join(databases)
    holding = [(db, data) for db, data in exports if any(data[table] for table in USER_TABLES)]
    if not holding:
        # An empty export looks like a success and hides a mistyped id; say nothing matched,
        # and remind that Discord ids are numbers, the usual mistake being a display name.
        key = "privacy_cli_no_data" if args.user.isdigit() else "privacy_cli_no_data_name"
        print(t(key, lang, user=args.user, database=where), file=sys.stderr)
        return 1
    if args.action == "export":
        print(json.dumps(_merged(holding), ensure_ascii=False, indent=2))
        return 0
    if not args.yes:
        print(t("privacy_cli_confirm", lang, user=args.user, database=where), file=sys.stderr)
        return 1
    removed = dict.fromkeys(USER_TABLES, 0)
    try:
        for database, _ in holding:
            store = existing_database(database)
            try:
                for table, count in store.delete_user(args.user).items():
                    removed[table] += count
            finally:
                store.close()
    except StoreUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps({"user_id": args.user, "removed": removed}))
    return 0


def _merged(exports: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """One export of the user's rows from one or more databases; with several, each row
    names the database (the course) it comes from."""
    if len(exports) == 1:
        return exports[0][1]
    first = exports[0][1]
    data: dict[str, Any] = {"user_id": first["user_id"], "exported_at": first["exported_at"]}
    for table in USER_TABLES:
        data[table] = [{**row, "database": db} for db, export in exports for row in export[table]]
    return data


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("privacy", help="export or delete one student's data (JSON)")
    p.add_argument("action", choices=["export", "delete"])
    p.add_argument("user", metavar="USER", help="the student id (Discord id or quiz --user)")
    p.add_argument("--db", metavar="PATH",
                   help="database (default: the configured one and every course's beside it)")
    p.add_argument("--yes", action="store_true", help="confirm a delete")
    p.add_argument("--lang", choices=["fr", "en"], help="language of the messages")
    p.set_defaults(func=cmd_privacy)
