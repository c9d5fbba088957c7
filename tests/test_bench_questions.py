"""The benchmark's question sets point at sections that exist, so a renamed heading cannot turn
right answers into misses (or hide wrong ones) without anyone noticing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.course.loader import load_course
from conftest import GIT_COURSE, REPO

QUESTIONS = REPO / "bench" / "questions"
STYLES = {"formal_fr", "informal_fr", "keywords", "english", "typo", "paraphrase", "offtopic",
          "neartopic", "chitchat"}
OFF_TOPIC = {"offtopic", "neartopic", "chitchat"}


def headings_by_module(course) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for module in course.modules:
        found = out.setdefault(module.id, {" ".join(module.heading.split())})
        found.update(" ".join(s.heading.split()) for s in module.walk())
    return out


def problems_of(path: Path, course) -> list[str]:
    known = headings_by_module(course)
    problems = []
    for n, item in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")), 1):
        where = f"{path.name} #{n} {item.get('q', '')!r}"
        if item.get("style") not in STYLES or item.get("split") not in ("dev", "test", "holdout"):
            problems.append(f"{where}: style or split")
        module = item.get("module")
        if (module is None) != (item["style"] in OFF_TOPIC):
            problems.append(f"{where}: module and style disagree")
        if module is None:
            continue
        modules = [str(module), *(str(m) for m in item.get("also_modules") or [])]
        headings = set().union(*(known.get(m, set()) for m in modules))
        for heading in item.get("sections") or ["(none)"]:
            if " ".join(heading.split()) not in headings:
                problems.append(f"{where}: no heading {heading!r} in {modules}")
    return problems


def test_git_questions_point_at_real_sections():
    assert problems_of(QUESTIONS / "git.yaml", load_course(GIT_COURSE).course) == []


@pytest.mark.parametrize("name", ["docker.yaml", "docker_dev_more.yaml", "docker_holdout.yaml"])
def test_docker_questions_point_at_real_sections(name, corpus_course):
    assert problems_of(QUESTIONS / name, corpus_course.course) == []
