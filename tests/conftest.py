"""Shared fixtures: the repository's paths and the real course beside it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Most tests pin answers the lexical side gives, which is also what the bot serves while its
# dense index builds: they run with search by meaning off. The tests of the hybrid search
# (tests/search/test_hybrid.py and the CLI's) turn it on themselves.
os.environ.setdefault("COURSEBOT_DENSE", "0")

REPO = Path(__file__).resolve().parents[1]
CONTENT = REPO / "content"
CORPUS = REPO.parent / "shared" / "corpus" / "formation-docker"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GIT_COURSE = FIXTURES / "course-git"
# A module whose long definition is offered as a shortened quiz option.
LONG_DEFINITIONS = FIXTURES / "long-definitions"

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"the real course is not available at {CORPUS} (it lives in ../shared, not in the repo)",
)


@pytest.fixture(scope="session")
def corpus_course():
    from bot.course.loader import load_course

    if not CORPUS.is_dir():
        pytest.skip(f"the real course is not available at {CORPUS}")
    return load_course(CORPUS)


@pytest.fixture(scope="session")
def bundled_engine():
    from bot.app.engine import load_engine

    return load_engine(CONTENT)


def two_tagging_lessons(folder: Path) -> Path:
    """Write a small course of two lessons that both explain tagging, the same heading in each
    (a course that repeats itself, as real ones do); ``folder`` is created."""
    folder.mkdir()
    for number, topic in (("1.1", "les bases"), ("2.1", "le partage")):
        (folder / f"{number}-lecon.md").write_text(
            f"# {number} Leçon sur {topic}\n\nIntroduction.\n\n"
            f"## {number}.1 Comment étiqueter une version ?\n\n"
            "La commande `tag` pose une étiquette sur une version.\n\n"
            f"## {number}.2 Autre chose\n\nRien à voir.\n",
            encoding="utf-8",
        )
    return folder

# A small course shaped like real ones: navigation lines, a table of contents and a chapter
# overview, files named alike in different folders, a lesson numbered 3.1.0, summaries written
# with emoji, tables and callouts.
COURSE_TREE = FIXTURES / "course-tree"
# A large real course (French, C on Ubuntu, CC BY 4.0, 472 Markdown files), in ../shared.
C_COURSE = REPO.parent / "shared" / "corpus" / "formation-c-ubuntu"
needs_c_course = pytest.mark.skipif(
    not C_COURSE.is_dir(),
    reason=f"the C course is not available at {C_COURSE} (it lives in ../shared, not in the repo)",
)
