"""``python -m bot``: sub-commands over the core, and the terminal chat."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys

from bot.cli import course as course_commands
from bot.cli import index as index_command
from bot.cli import privacy as privacy_commands
from bot.cli import quiz as quiz_commands
from bot.cli import run as run_command
from bot.cli import stats as stats_commands
from bot.cli import unanswered as unanswered_commands
from bot.cli.course import answering_engine, engine_for_cli
from bot.config import ConfigError, load_settings
from bot.present.text import answer_line


def _engine_for(args: argparse.Namespace):
    settings = load_settings(getattr(args, "config", None))
    return settings, engine_for_cli(args, settings)


def cmd_ask(args: argparse.Namespace) -> int:
    settings = load_settings(getattr(args, "config", None))
    engine = answering_engine(args, settings)
    lang = args.lang or settings.language

    def emit(question: str) -> None:
        answer = engine.matcher.ask(question)
        if args.json:
            line = json.dumps(answer.to_json(), ensure_ascii=False)
        else:
            line = answer_line(answer, lang)
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    if args.question:
        emit(" ".join(args.question))
        return 0
    for raw in sys.stdin:
        emit(raw.rstrip("\n"))
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.app.engine import CourseApp
    from bot.config import database_for
    from bot.console.chat import ChatSession
    from bot.console.quiz import default_user
    from bot.store import Store

    settings, engine = _engine_for(args)
    lang = args.lang or settings.language
    store = Store(database_for(settings, getattr(args, "content", None)))
    # The chat's composition root: the engine served with this chat's store, and /reload.
    app = CourseApp(engine, settings, store, lang)
    interactive = sys.stdin.isatty()
    read_line = None
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401 - line editing and history at the prompt
        read_line = input
    if store.problem:
        print(f"warning: {store.problem}", file=sys.stderr)
    session = ChatSession(
        app,
        lang=lang,
        read_line=read_line,
        settings=settings,
        store=store,
        user_id=default_user(),
    )
    try:
        session.run(sys.stdin, interactive)
    finally:
        store.close()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="coursebot: answers questions from a course's Markdown modules, runs quizzes.",
    )
    parser.add_argument(
        "--config", metavar="FILE", help="configuration file (default: config.yaml)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("chat", help="talk to the bot in the terminal (questions and /commands)")
    course_commands.add_content_option(p)
    p.add_argument("--lang", choices=["fr", "en"], help="language of the replies")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("ask", help="answer questions (argument, or one per line on stdin)")
    course_commands.add_content_option(p)
    p.add_argument("--json", action="store_true", help="one JSON object per answer")
    p.add_argument("--lang", choices=["fr", "en"], help="language of the replies")
    p.add_argument("question", nargs="*", metavar="QUESTION", help="the question")
    p.set_defaults(func=cmd_ask)

    course_commands.add_parsers(sub)
    run_command.add_parsers(sub)
    quiz_commands.add_parsers(sub)
    privacy_commands.add_parsers(sub)
    unanswered_commands.add_parsers(sub)
    stats_commands.add_parsers(sub)
    index_command.add_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
