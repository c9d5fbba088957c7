"""The bundled module (the seed) parses exactly."""

import pytest

from bot.course.loader import load_course
from conftest import CONTENT


def seed_module():
    result = load_course(CONTENT)
    assert result.problems == []
    return result.course.module("3.1")


def test_seed_identity_and_title():
    module = seed_module()
    assert module.id == "3.1"
    assert module.title == (
        "Quelle est la différence entre un conteneur Docker et une image Docker ?"
    )
    assert module.heading.startswith("3.1. Quelle est la différence")
    assert module.path.endswith("3.1-conteneur-vs-image-docker.md")
    assert module.line == 1


def test_seed_is_shipped_byte_for_byte():
    seed = CONTENT.parent.parent / "shared" / "seed" / "000_35e25c5bd6b9b594.txt"
    if not seed.is_file():
        pytest.skip(f"the seed is not available at {seed} (it lives in ../shared)")
    assert (CONTENT / "3.1-conteneur-vs-image-docker.md").read_bytes() == seed.read_bytes()


def test_seed_sections():
    module = seed_module()
    numbered = [s for s in module.sections if s.number]
    assert [(s.id, s.title, s.level) for s in numbered] == [
        ("3.1.1", "Instance", 2),
        ("3.1.2", "Image Docker", 2),
        ("3.1.3", "Conteneur Docker", 2),
    ]
    assert [s.heading for s in numbered] == [
        "3.1.1 Instance :",
        "3.1.2 Image Docker :",
        "3.1.3 Conteneur Docker :",
    ]
    assert [s.line for s in numbered] == [23, 26, 29]
    image = numbered[1]
    assert image.text.startswith("Une image Docker est comparable à la chanson")
    assert "immuable" in image.text
    # The closing paragraph "En résumé, ..." belongs to the section above the summary.
    assert "En résumé, l'image Docker est le modèle original" in numbered[2].text
    summary = module.sections[-1]
    assert summary.title == "Résumé" and summary.id == module.summary_section_id == "3.1-resume"


def test_seed_summary_pairs():
    module = seed_module()
    pairs = [(p.term, p.definition) for p in module.pairs]
    assert [term for term, _ in pairs] == ["Image Docker", "Conteneur Docker"]
    assert pairs[0][1].startswith("Agit comme un modèle ou une recette immuable")
    assert pairs[0][1].endswith("prêt à être exécuté.")
    assert pairs[1][1].startswith("Représente une instance exécutable de l'image Docker")
    assert len(module.summary) == 2


def test_seed_prerequisites_objectives_intro():
    module = seed_module()
    assert len(module.prerequisites) == 2
    assert module.prerequisites[0].startswith("Une compréhension basique de Docker")
    assert module.objectives == (
        "Expliquer la différence fondamentale entre une image Docker et un conteneur Docker.",
        "Comprendre le concept d'instance tel qu'il s'applique aux conteneurs Docker.",
    )
    # Bold markup becomes plain text; the HTML blockquotes are not part of the introduction.
    assert module.intro == (
        "Pour bien comprendre cette différence, introduisons d'abord le concept d'instance."
    )
