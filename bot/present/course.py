"""A course's modules and sections as plain text and as JSON: ``modules``/``show`` at the
terminal, ``/module`` and ``/section`` in the chat."""

from __future__ import annotations

from bot.course.model import Course, Module, Section
from bot.i18n import t


def module_summary(module: Module) -> dict:
    """A module's line in ``modules --json``: id, title, source and counts."""
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
    """A section and the sections inside it, for JSON outlines."""
    return {
        "id": section.id,
        "title": section.title,
        "heading": section.heading,
        "level": section.level,
        "line": section.line,
        "sections": [section_tree(child) for child in section.children],
    }


def module_json(module: Module) -> dict:
    """A whole module as ``show --json`` prints it."""
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
    """One section as ``show --json`` prints it, its text included."""
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
