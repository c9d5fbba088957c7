"""Shared helpers for the benchmarks: question sets, corpus paths, and scaled copies."""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus" / "formation-docker"
GIT_COURSE = ROOT / "tests" / "fixtures" / "course-git"
QUESTIONS = ROOT / "bench" / "questions"
DOCKER_SYNONYMS = ROOT / "content" / "synonyms.yaml"
OFF_TOPIC_STYLES = {"offtopic", "neartopic", "chitchat"}


@dataclass(frozen=True)
class Question:
    text: str
    style: str
    module: str | None
    modules: frozenset[str]
    headings: frozenset[str]
    split: str

    @property
    def answerable(self) -> bool:
        return self.module is not None


def heading_key(text: str) -> str:
    return " ".join(text.split())


def load_questions(path: Path) -> list[Question]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for item in raw:
        module = item.get("module")
        modules = {module, *(item.get("also_modules") or [])} - {None}
        out.append(
            Question(
                text=item["q"],
                style=item["style"],
                module=module,
                modules=frozenset(str(m) for m in modules),
                headings=frozenset(heading_key(h) for h in item.get("sections") or []),
                split=item.get("split", "dev"),
            )
        )
    return out


def require_corpus() -> Path:
    if not CORPUS.is_dir():
        sys.exit(f"the course corpus is absent: expected {CORPUS}")
    return CORPUS


def scaled_copy(source: Path, copies: int) -> Path:
    """The course copied ``copies`` times under renumbered module ids (1.1 -> 101.1 ...)."""
    target = Path(tempfile.mkdtemp(prefix=f"coursebot-x{copies}-"))
    number = re.compile(r"^(#+\s*)(\d+)(?=\.)", re.M)
    files = [p for p in sorted(source.rglob("*.md")) if p.name.lower() != "readme.md"]
    for k in range(copies):
        shift = 100 * k
        folder = target / f"copy{k:03d}"
        folder.mkdir()
        for path in files:
            text = path.read_text(encoding="utf-8")
            text = number.sub(lambda m, s=shift: f"{m.group(1)}{int(m.group(2)) + s}", text)
            head, _, rest = path.name.partition(".")
            name = f"{int(head) + shift}.{rest}" if head.isdigit() else f"{k}-{path.name}"
            (folder / name).write_text(text, encoding="utf-8")
    return target


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def table(headers: list[str], rows: list[list]) -> str:
    """A plain Markdown table."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h)
              for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"
            for r in cells]
    return "\n".join([line, sep, *body])
