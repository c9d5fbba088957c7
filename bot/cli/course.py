"""The content sub-commands: ``modules``, ``show`` and ``check``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from bot.course.loader import LoadResult, load_course
from bot.course.model import Course, Module, Problem, Section, errors_in
from bot.i18n import t

if TYPE_CHECKING:
    from bot.app.engine import Engine
    from bot.config import Settings


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


def engine_for_cli(args: argparse.Namespace, settings: Settings) -> Engine:
    """The engine of the content named by ``--content`` (or ``settings``), with the
    configured answer thresholds; its problems go to stderr. A missing folder is a
    configuration error."""
    from bot.app.engine import load_engine, thresholds_from
    from bot.config import existing_content_dir

    engine = load_engine(existing_content_dir(args), thresholds_from(settings.answer))
    report_problems(engine.problems)
    return engine


def module_summary(module: Module) -> dict:
    return {
        "id": module.id,
        "title": module.title,
        "path": module.path,
        "line": module.line,
        "sections": sum(1 for _ in module.walk()),
        "summary_items": len(module.summary),
        "summary_pairs": len(module.pairs),
    }


def section_tree(section: Section) -> dict:
    return {
        "id": section.id,
        "title": section.title,
        "heading": section.heading,
        "level": section.level,
        "line": section.line,
        "sections": [section_tree(child) for child in section.children],
    }


def module_json(module: Module) -> dict:
    return {
        **module_summary(module),
        "heading": module.heading,
        "prerequisites": list(module.prerequisites),
        "objectives": list(module.objectives),
        "intro": module.intro,
        "sections": [section_tree(s) for s in module.sections],
        "summary": [
            {"text": it.text, "term": it.term, "definition": it.definition, "line": it.line}
            for it in module.summary
        ],
    }


def section_json(section: Section) -> dict:
    return {
        "id": section.id,
        "module": section.module_id,
        "title": section.title,
        "heading": section.heading,
        "level": section.level,
        "source": f"{section.path}:{section.line}",
        "text": section.text,
        "sections": [section_tree(child) for child in section.children],
    }


def format_module(module: Module, lang: str = "fr") -> str:
    """A module as plain text: title, source, introduction, outline and summary."""
    lines = [f"{module.id} — {module.title}", f"({module.path}:{module.line})"]
    if module.intro:
        lines += ["", module.intro]
    if module.prerequisites:
        lines += ["", t("show_prerequisites", lang)] + [f"  - {p}" for p in module.prerequisites]
    if module.objectives:
        lines += ["", t("show_objectives", lang)] + [f"  - {o}" for o in module.objectives]
    if module.sections:
        lines += ["", t("show_sections", lang)]
    for section in module.walk():
        indent = "  " * max(1, section.level - min(s.level for s in module.sections) + 1)
        lines.append(f"{indent}[{section.id}] {section.title}")
    if module.summary:
        lines += ["", t("show_summary", lang)]
        for item in module.summary:
            text = f"{item.term} : {item.definition}" if item.is_pair else item.text
            lines.append(f"  - {text}")
    return "\n".join(lines)


def format_section(section: Section, course: Course, lang: str = "fr") -> str:
    """One section as plain text: title, source, text and the sections it contains."""
    module = course.module(section.module_id)
    head = f"[{section.id}] {section.title}"
    source = f"{module.id} {module.title} — {section.path}:{section.line}" if module else ""
    children = [f"  → [{c.id}] {c.title}" for c in section.children]
    return "\n".join([head, source, "", section.text or t("show_no_text", lang), *children])


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
    from bot.course.checks import check_content_files, course_warnings

    result = load_for_cli(args, quiet=True, missing_ok=True)
    problems = [*result.problems, *check_content_files(args, result.course),
                *course_warnings(result.course)]
    for problem in problems:
        prefix = "" if problem.severity == "error" else f"{problem.severity}: "
        print(f"{prefix}{problem}")
    errors = errors_in(problems)
    if not errors:
        count = len(result.course.modules)
        print(f"ok: {count} module{'' if count == 1 else 's'}", file=sys.stderr)
    return 1 if errors else 0


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
