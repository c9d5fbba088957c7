"""The real 34-lesson course loads cleanly (read from ../shared; skipped when absent)."""

import re

from conftest import needs_corpus

EXPECTED_IDS = [
    "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7",
    "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8", "5.1", "5.2", "5.3", "5.4", "5.5",
    "5.6", "6.1", "6.2", "6.3", "6.4", "7.1", "7.2", "7.3",
]

# **Term** : definition (or `code` : definition, or **Term** and a defining verb: « **Docker**
# est une plateforme… ») bullets per lesson, counted by hand.
EXPECTED_PAIRS = {
    "1.1": 1, "1.2": 7, "1.3": 8, "3.1": 2, "3.2": 5, "3.3": 4, "3.4": 4, "3.5": 2, "3.6": 0,
    "4.2": 0, "4.3": 5, "4.4": 5, "4.5": 6, "4.6": 6, "4.7": 0, "5.1": 5, "5.2": 3, "5.3": 3,
    "5.4": 4, "5.5": 6, "6.1": 7, "6.2": 1, "6.3": 1, "7.1": 5, "7.2": 0,
}


@needs_corpus
def test_every_lesson_loads_without_problems(corpus_course):
    assert corpus_course.problems == []
    assert [m.id for m in corpus_course.course.modules] == EXPECTED_IDS


@needs_corpus
def test_no_section_comes_from_a_code_fence(corpus_course):
    fence_lines = set()
    for module in corpus_course.course.modules:
        for section in module.walk():
            for block in re.findall(r"```[^\n]*\n(.*?)```", section.text, flags=re.S):
                fence_lines.update(line.strip("# ").strip() for line in block.splitlines())
    titles = {s.title for m in corpus_course.course.modules for s in m.walk()}
    assert "Expose le port 80" in fence_lines  # the trap is really there
    assert not titles & {line for line in fence_lines if line}
    dockerfile = corpus_course.course.section("4.3.2.5")
    assert "# Expose le port 80" in dockerfile.text
    assert dockerfile.children == ()


@needs_corpus
def test_summary_pairs_per_lesson(corpus_course):
    course = corpus_course.course
    counts = {m.id: len(m.pairs) for m in course.modules if m.summary_section_id}
    assert counts == EXPECTED_PAIRS
    nested = {(p.parent, p.term) for p in course.module("6.1").pairs}
    assert ("Types de Réseaux", "Bridge") in nested
    code_terms = [p.term for p in course.module("4.3").pairs]
    assert code_terms == ["Dockerfile", "FROM", "RUN", "EXPOSE", "Structure du Dockerfile"]


@needs_corpus
def test_real_world_shapes(corpus_course):
    course = corpus_course.course
    # A lesson whose title is an H2 and whose sections are H3.
    lesson = course.module("3.4")
    assert lesson.title == "Comment gérer les conteneurs Docker ?"
    assert [s.id for s in lesson.sections][:2] == ["3.4.1", "3.4.2"]
    assert lesson.intro.startswith("Les conteneurs Docker sont des instances exécutables")
    # A practical-work page: no number in its title, several H1 parts.
    lab = course.module("3.7")
    assert lab.title == "TP sur les Conteneurs et les Images Docker"
    assert [s.level for s in lab.sections] == [1, 1]
    # Skipped heading levels nest under the nearest shallower heading.
    deep = course.section("5.2-exemple-pratique-avec-sqlite")
    assert deep.level == 5 and deep.parent_id == "5.2-exemple-pratique-persistance-de-donnees"
    # Unnumbered headings get ids from the module and a slug.
    assert course.section("7.2-arreter-sans-supprimer").title == "Arrêter Sans Supprimer"
    # Links become readable text with their address.
    install = course.section("2.1.1")
    assert "docker.com (https://www.docker.com/products/docker-desktop)" in install.text
    # Every lesson with HTML blockquotes has its prerequisites and objectives.
    assert all(m.objectives for m in course.modules if m.prerequisites)
    assert sum(1 for m in course.modules if m.prerequisites) == 25
