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
C_CORPUS = ROOT.parent / "shared" / "corpus" / "formation-c-ubuntu"
GIT_COURSE = ROOT / "tests" / "fixtures" / "course-git"
QUESTIONS = ROOT / "bench" / "questions"
DOCKER_SYNONYMS = ROOT / "content" / "synonyms.yaml"
OFF_TOPIC_STYLES = {"offtopic", "neartopic", "chitchat"}
EMBEDDINGS = ROOT / "data" / "embeddings.sqlite3"


@dataclass(frozen=True)
class BenchCourse:
    """A course of the bench: its folder, its question files, and the folder of the
    ``synonyms.yaml`` its TA would ship (None: the course as it comes)."""

    name: str
    folder: Path
    question_files: tuple[str, ...]
    synonyms: Path | None = None


# Five courses in two languages and three domains, each with questions written blind by
# someone who never saw the matcher. docker_holdout.yaml was written after the second
# session's tuning, docker_dev_more.yaml adds dev questions; the C course is 472 files.
COURSES = {
    c.name: c
    for c in (
        BenchCourse("docker", CORPUS,
                    ("docker.yaml", "docker_dev_more.yaml", "docker_holdout.yaml"),
                    ROOT / "content"),
        BenchCourse("git", GIT_COURSE, ("git.yaml", "git_holdout.yaml")),
        BenchCourse("sql", ROOT / "tests" / "fixtures" / "course-sql", ("sql.yaml",)),
        BenchCourse("linux_en", ROOT / "tests" / "fixtures" / "course-linux-en",
                    ("linux_en.yaml",)),
        BenchCourse("c_ubuntu", C_CORPUS, ("c_ubuntu.yaml",)),
    )
}


@dataclass(frozen=True)
class Question:
    text: str
    style: str
    module: str | None
    modules: frozenset[str]
    headings: frozenset[str]
    split: str
    # Lesson files (relative to the course folder) that answer, for question sets that name
    # files rather than module ids (a course whose lessons are not numbered).
    files: frozenset[str] = frozenset()

    @property
    def answerable(self) -> bool:
        return self.module is not None or bool(self.files)


def heading_key(text: str) -> str:
    return " ".join(text.split())


def load_questions(path: Path) -> list[Question]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for item in raw:
        module = item.get("module")
        modules = {module, *(item.get("also_modules") or [])} - {None}
        files = {item.get("file"), *(item.get("also_files") or [])} - {None}
        out.append(
            Question(
                text=item["q"],
                style=item["style"],
                module=module,
                modules=frozenset(str(m) for m in modules),
                headings=frozenset(heading_key(h) for h in item.get("sections") or []),
                split=item.get("split", "dev"),
                files=frozenset(files),
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


class Gold:
    """Which index entries answer a question right, for one loaded course: an entry of an
    expected lesson (by module id or by file) whose heading is an expected one; a lesson's
    summary section answers for the lesson as a whole."""

    def __init__(self, folder: Path, course, entries) -> None:
        root = folder.resolve()
        self.entries = entries
        self.files: dict[str, str] = {}
        self.module_heading: dict[str, str] = {}
        self.summary_heading: dict[str, str] = {}
        for module in course.modules:
            # A module's path is shown from the working directory, or from the course
            # folder's own name when the folder lies elsewhere ("formation-c-ubuntu/01-...").
            prefix = f"{folder.name}/"
            if module.path.startswith(prefix) and not Path(module.path).exists():
                self.files[module.id] = module.path[len(prefix):]
            else:
                try:
                    self.files[module.id] = str(Path(module.path).resolve().relative_to(root))
                except ValueError:
                    self.files[module.id] = module.path
            self.module_heading[module.id] = heading_key(module.heading)
            summary_id = module.summary_section_id
            summary = course.section(summary_id) if summary_id else None
            if summary is not None:
                self.summary_heading[module.id] = heading_key(summary.heading)

    def right(self, question: Question, e: int) -> bool:
        """True when entry ``e`` answers ``question``."""
        entry = self.entries[e]
        module = entry.module_id
        if module not in question.modules and self.files.get(module) not in question.files:
            return False
        heading = heading_key(entry.heading)
        if self.summary_heading.get(module) == heading:
            heading = self.module_heading[module]
        return heading in question.headings
