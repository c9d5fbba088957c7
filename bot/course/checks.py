"""Checks of a loaded course for ``check``: what loads but may not be what the TA meant. The
checks of the YAML files beside the modules, ``quiz.yaml``'s among them, are
:func:`bot.app.checks.yaml_problems` (the course layer knows nothing of quizzes)."""

from __future__ import annotations

from pathlib import Path

from bot.course.faq import SYNONYMS_FILE
from bot.course.markdown import split_number
from bot.course.model import Course, Problem
from bot.course.yamlfile import display_path


def missing_file_hints(content_dir: str, course: Course) -> list[Problem]:
    """One note per optional file worth writing: a course without ``synonyms.yaml`` answers
    questions asked in the other language (English in a French course, or the reverse) only
    through the general words the bot knows and its search by meaning, never through the
    course's own terms. A note,
    not a warning: the course loads and answers as it is."""
    path = Path(content_dir) / SYNONYMS_FILE
    if not course.modules or path.exists():
        return []
    return [Problem(display_path(path, Path(content_dir)), 0, (
        "not found (optional): questions in English for a French course, or in French for an "
        "English one, reach the course's own terms only through the groups of this file, e.g. "
        "'- [conteneur, container]' (general words such as delete/supprimer are already "
        "known); see the README's synonyms.yaml section"), "note")]


def course_warnings(course: Course) -> list[Problem]:
    """What loads but may not be what the TA meant: a module with no summary section, or a
    summary with no bullet (its quizzes only have its quiz.yaml items), a section numbered
    for another module (its number is not its id, so ``/section`` with that number will not
    find it)."""
    found = []
    for module in course.modules:
        if not module.summary_section_id and not module.summary:
            found.append(Problem(module.path, module.line, (
                f"module {module.id}: no summary section (Résumé, Summary, Synthèse, À retenir…):"
                " quizzes draw nothing from it but its quiz.yaml items"), "warning"))
        elif not module.summary:
            summary = next((s for s in module.walk() if s.id == module.summary_section_id), None)
            found.append(Problem(summary.path if summary else module.path,
                                 summary.line if summary else module.line, (
                f"module {module.id}: its summary has no bullet list: no quiz item is made "
                "from it (write one '- **Term** : definition' bullet per notion)"), "warning"))
        # A number no longer than the module's own is the lesson's local numbering ("## 4.
        # Pièges" in module 20.6), not a claim to another module's place.
        depth = len(module.id.split(".")) if module.id[:1].isdigit() else 1
        for section in module.walk():
            number = split_number(section.heading)[0]
            if (
                number
                and len(number.split(".")) > depth
                and not number.startswith(f"{module.id}.")
            ):
                found.append(Problem(section.path, section.line, (
                    f"section numbered {number} inside module {module.id}: its id is "
                    f"{section.id}"), "warning"))
    return found
