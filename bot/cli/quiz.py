"""The quiz sub-commands: ``quiz`` (interactive, ``--json``, ``--export gift``) and ``grade``."""

from __future__ import annotations

import argparse
import json
import random
import sys

from bot.cli.course import add_content_option, app_for_cli, report_problems
from bot.config import (
    MAX_QUESTIONS,
    MIN_QUESTIONS,
    database_for,
    load_settings,
)
from bot.console.quiz import TerminalQuiz, default_user, question_count
from bot.course.model import Problem
from bot.i18n import t
from bot.present.quiz import CLI_COMMANDS, bad_count_text, no_quiz_text
from bot.quiz.gift import to_gift
from bot.quiz.grading import explain, grade
from bot.quiz.service import NoItems, QuizService, UnknownModule
from bot.quiz.terms import synonym_variants
from bot.store import Store


def cmd_quiz(args: argparse.Namespace) -> int:
    settings = load_settings(getattr(args, "config", None))
    lang = args.lang or settings.language
    interactive = not (args.json or args.export)
    database = database_for(settings, args.content, args.db) if interactive else None
    store = Store(database) if database else None
    app = app_for_cli(args, settings, store=store, lang=lang, quiet=True)
    # The modules' problems, then quiz.yaml's and the store's: what a quiz is made of.
    problems = [*app.engine.content.module_problems, *app.engine.quiz_problems]
    if store is not None and store.problem:
        problems.append(Problem(database or "", 0, store.problem, "warning"))
    report_problems(problems)
    service = app.quizzes
    try:
        if args.export:
            return _export(service, args.module, args.seed, lang)
        if args.json:
            items = service.build(args.module, n=args.n, seed=args.seed, lang=lang)
            print(json.dumps([item.to_json() for item in items], ensure_ascii=False, indent=2))
            return 0
        quiz = service.start_solo(
            args.user or default_user(), args.module, n=args.n, seed=args.seed, lang=lang
        )
    except (UnknownModule, NoItems):
        print(no_quiz_text(service, args.module, lang), file=sys.stderr)
        return 1
    return _run_terminal(TerminalQuiz(service, quiz, lang, CLI_COMMANDS))


def _export(service: QuizService, module_id: str | None, seed: int | None, lang: str) -> int:
    """Print every item of ``module_id`` (or of every module, one category each) as GIFT.

    A module with no item is named on standard error: an export with nothing to import in it
    would otherwise look like a success. Exit 1 when nothing at all was exported."""
    rng = random.Random(seed or 0)
    modules = [module_id] if module_id else [m.id for m in service.course.modules]
    exported = 0
    for module in modules:
        items = service.items(module, rng, lang, whole=True)
        if not items:
            if not module_id:  # one module asked for: the message below says it all
                print(t("export_empty_module", lang, module=module), file=sys.stderr)
            continue
        if exported:
            sys.stdout.write("\n")
        sys.stdout.write(to_gift(items, f"coursebot/{module}"))
        exported += 1
    if not exported:
        print(no_quiz_text(service, module_id, lang), file=sys.stderr)
        return 1
    return 0


def _run_terminal(driver: TerminalQuiz) -> int:
    """Ask the questions on the terminal (or piped standard input) until the quiz ends."""
    interactive = sys.stdin.isatty()
    print(driver.opening(), flush=True)
    while not driver.done:
        try:
            line: str | None = input("> ") if interactive else sys.stdin.readline()
        except (EOFError, KeyboardInterrupt):
            line = None
        if line is None or (not interactive and line == ""):
            print("\n" + driver.close(), flush=True)  # end of input: stop with the summary
            break
        if not interactive:
            print(f"> {line.strip()}")  # piped answers are echoed, so the transcript reads
        shown = driver.feed(line)
        if shown:
            print(shown, flush=True)
    return 0


def _count(text: str) -> int:
    """``-n``: argparse turns the refusal into a usage error (exit 2)."""
    n = question_count(text)
    if n is None:
        raise argparse.ArgumentTypeError(bad_count_text(text, "en"))
    return n


def cmd_grade(args: argparse.Namespace) -> int:
    """Print how ``ANSWER`` would be graded against ``EXPECTED`` in a quiz on the content."""
    # The content's synonyms.yaml and vocabulary, as a quiz on it would accept them. A missing
    # folder is an error: grading without them would reject what the quiz accepts.
    service = app_for_cli(args, load_settings(getattr(args, "config", None)), quiet=True).quizzes
    result = grade(
        args.expected,
        args.answer,
        synonyms=synonym_variants(args.expected, service.synonyms),
        vocabulary=service.vocabulary,
    )
    message = explain(result, args.lang or "fr")
    if args.json:
        print(json.dumps({**result.to_json(), "message": message}, ensure_ascii=False))
    else:
        print(message)  # in one language: the reason's code is in --json
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("quiz", help="take a quiz in the terminal, or print or export its items")
    add_content_option(p)
    p.add_argument(
        "module",
        nargs="?",
        metavar="MODULE",
        help="a module id (3.1); without it, review: due and missed questions first",
    )
    p.add_argument(
        "-n",
        type=_count,
        metavar="N",
        help=f"number of questions, {MIN_QUESTIONS} to {MAX_QUESTIONS} (default: configured, 5)",
    )
    p.add_argument("--seed", type=int, metavar="S", help="draw the same quiz again")
    p.add_argument("--json", action="store_true", help="print the items as JSON instead of asking")
    p.add_argument(
        "--export",
        choices=["gift"],
        help="print every item of MODULE, or of every module without one (Moodle GIFT)",
    )
    p.add_argument("--user", metavar="NAME", help="who answers, for spaced review (default: you)")
    p.add_argument(
        "--db", metavar="PATH", help="database (default: configured, data/coursebot.sqlite3)"
    )
    p.add_argument("--lang", choices=["fr", "en"], help="language of the questions")
    p.set_defaults(func=cmd_quiz)

    p = sub.add_parser(
        "grade",
        help="show how a typed answer is graded (for quiz.yaml authors)",
        usage="%(prog)s [-h] [--content DIR] [--json] [--lang {fr,en}] [--] EXPECTED ANSWER",
        epilog="An EXPECTED or ANSWER that starts with '-' goes after '--', which ends the "
        "options: grade -- -d --detach",
    )
    add_content_option(p)
    p.add_argument("--json", action="store_true", help='print {"accepted", "reason", ...}')
    p.add_argument("--lang", choices=["fr", "en"], help="language of the message")
    p.add_argument("expected", metavar="EXPECTED", help="the expected answer")
    p.add_argument("answer", metavar="ANSWER", help="the answer a student typed")
    p.set_defaults(func=cmd_grade)
