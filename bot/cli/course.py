"""The content sub-commands: ``modules``, ``show`` and ``check``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from bot.course.loader import LoadResult, load_course
from bot.course.model import Problem, errors_in
from bot.i18n import t
from bot.present.course import (
    format_module,
    format_section,
    module_json,
    module_summary,
    section_json,
)

if TYPE_CHECKING:
    from bot.app.engine import CourseApp, Engine
    from bot.config import Settings
    from bot.quiz.ports import QuizStore


def add_content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        metavar="DIR",
        default=None,
        help="content folder (default: the configured one, content/)",
    )


def report_problems(problems: list[Problem]) -> None:
    """Errors and warnings on standard error; notes, hints for the TA, are left to ``check``."""
    for problem in problems:
        if problem.severity != "note":
            print(f"{problem.severity}: {problem}", file=sys.stderr)


def load_for_cli(
    args: argparse.Namespace, *, quiet: bool = False, missing_ok: bool = False
) -> LoadResult:
    """Load the course named by ``--content``; problems go to stderr, the rest still loads. A
    missing folder is a configuration error, unless ``missing_ok`` (``check`` reports it)."""
    from bot.config import existing_content_dir, resolve_content_dir

    folder = resolve_content_dir(args) if missing_ok else existing_content_dir(args)
    result = load_course(folder)
    if not quiet:
        report_problems(result.problems)
    return result


def app_for_cli(
    args: argparse.Namespace,
    settings: Settings,
    *,
    store: QuizStore | None = None,
    lang: str | None = None,
    quiet: bool = False,
) -> CourseApp:
    """The composition root over the content named by ``--content`` (or ``settings``), with the
    configured answer thresholds and quiz settings; its problems go to stderr unless
    ``quiet``. A missing folder is a configuration error. Nothing is indexed until used."""
    from bot.app.engine import CourseApp, load_engine, thresholds_from
    from bot.config import existing_content_dir

    engine = load_engine(existing_content_dir(args), thresholds_from(settings.answer))
    if not quiet:
        report_problems(engine.problems)
    return CourseApp(engine, settings, store, lang)


# A one-shot command waits this long for the dense index (seconds): enough to embed a small
# course or read a large one from the cache; a cold large course is judged lexically
# (`python -m bot index` fills the cache).
DENSE_WAIT = 60.0


def engine_for_cli(args: argparse.Namespace, settings: Settings) -> Engine:
    """The engine of the content named by ``--content`` (or ``settings``), with the
    configured answer thresholds; its problems go to stderr. A missing folder is a
    configuration error."""
    return app_for_cli(args, settings).engine


def answering_engine(args: argparse.Namespace, settings: Settings) -> Engine:
    """:func:`engine_for_cli`, once its dense index is ready (up to ``DENSE_WAIT``): a
    one-shot command that asks questions (``ask``, and ``unanswered`` and ``stats`` judging
    what the content answers now) answers as the bot serving the course does."""
    engine = engine_for_cli(args, settings)
    engine.wait_dense(DENSE_WAIT)
    return engine


def cmd_modules(args: argparse.Namespace) -> int:
    course = load_for_cli(args).course
    if args.json:
        print(json.dumps([module_summary(m) for m in course.modules], ensure_ascii=False, indent=2))
        return 0
    lang = _lang_of(args)
    if not course.modules:
        print(t("no_modules", lang))
    for m in course.modules:
        counts = t("modules_counts", lang, sections=sum(1 for _ in m.walk()),
                   summary=len(m.summary))
        print(f"{m.id:<8} {m.title}  ({counts})")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    course = load_for_cli(args).course
    module = course.module(args.id)
    section = None if module else course.section(args.id)
    lang = _lang_of(args)
    if module is None and section is None:
        known = ", ".join(m.id for m in course.modules[:20])
        print(t("show_unknown", lang, id=args.id, known=known), file=sys.stderr)
        return 1
    if args.json:
        data = module_json(module) if module else section_json(section)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(format_module(module, lang) if module else format_section(section, course, lang))
    return 0


def _lang_of(args: argparse.Namespace) -> str:
    """``--lang``, else the configured language."""
    from bot.config import load_settings

    return args.lang or load_settings(getattr(args, "config", None)).language


def cmd_check(args: argparse.Namespace) -> int:
    from bot.app.checks import yaml_problems
    from bot.config import resolve_content_dir
    from bot.course.checks import course_warnings, missing_file_hints

    result = load_for_cli(args, quiet=True, missing_ok=True)
    folder = resolve_content_dir(args)
    problems = [*result.problems, *yaml_problems(folder, result.course),
                *missing_file_hints(folder, result.course), *course_warnings(result.course)]
    for problem in problems:
        prefix = "" if problem.severity == "error" else f"{problem.severity}: "
        print(f"{prefix}{problem}")
    errors = errors_in(problems)
    if not errors:
        count = len(result.course.modules)
        print(f"ok: {count} module{'' if count == 1 else 's'}", file=sys.stderr)
        status = dense_status(args) if result.course.modules else None
        if status:
            print(status, file=sys.stderr)
    return 1 if errors else 0


def dense_status(args: argparse.Namespace) -> str | None:
    """Whether the dense index of the course is ready in the cache, or how much is left; None
    when the search by meaning is off."""
    from bot.app.dense import dense_factory
    from bot.config import load_settings, resolve_content_dir
    from bot.course.content import load_content
    from bot.search.matcher import Matcher

    settings = load_settings(getattr(args, "config", None))
    lang = settings.language
    factory = dense_factory(settings)
    if factory is None:
        return None
    content = load_content(resolve_content_dir(args))
    dense = Matcher(content.course, content.synonyms, content.faq, dense=factory).dense
    assert dense is not None
    missing, units = dense.missing(), len(dense.units)
    if missing:
        return t("dense_missing", lang, missing=missing, units=units)
    return t("dense_ready", lang, units=units)


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("modules", help="list the course's modules")
    add_content_option(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--lang", choices=["fr", "en"], help="language of the text")
    p.set_defaults(func=cmd_modules)

    p = sub.add_parser("show", help="show a module or one section")
    add_content_option(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--lang", choices=["fr", "en"], help="language of the text")
    p.add_argument("id", metavar="ID", help="a module id (3.1) or a section id (3.1.2)")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("check", help="validate the content folder (exit 1 on problems)")
    add_content_option(p)
    p.set_defaults(func=cmd_check)
