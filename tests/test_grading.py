"""The typed-answer grader: tables of accepted and rejected answers, the reasons it gives, and
a property test that it never raises."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.quiz.grading import (
    DIFFERENT,
    EMPTY,
    EXACT,
    NORMALIZED,
    OPPOSITE,
    TECHNICAL,
    TYPO,
    answer_forms,
    explain,
    grade,
    near_duplicate,
    typo_bound,
)

ACCEPTED = [
    # (expected, typed, reason)
    ("Image Docker", "Image Docker", EXACT),
    ("Image Docker", "image docker", EXACT),
    ("Image Docker", "IMAGE DOCKER", EXACT),
    ("image docker", "L'Image Docker", NORMALIZED),
    ("Image Docker", "l'image docker.", NORMALIZED),
    ("Image Docker", "  une image   Docker !", NORMALIZED),
    ("image", "l'image", NORMALIZED),
    ("image", "l’image", NORMALIZED),  # typographic apostrophe
    ("l'image", "image", NORMALIZED),
    ("Réseau", "reseau", NORMALIZED),
    ("Réseaux Docker", "le réseau docker", NORMALIZED),  # article and plural
    ("Volumes", "volume", NORMALIZED),
    ("Tags", "tag", NORMALIZED),
    ("Sécurité des Données", "securite donnees", NORMALIZED),
    ("Multi-stage Builds", "multi stage builds", NORMALIZED),
    ("Multi-stage Builds", "multistage builds", NORMALIZED),
    ("docker-compose up", "docker compose up", NORMALIZED),
    ("docker ps -a", "Docker PS -a", EXACT),
    ("docker push", "`docker push`", NORMALIZED),
    ("8080", "8080", EXACT),
    ("immuable", "imuable", TYPO),
    ("conteneur", "conteneru", TYPO),  # a transposition is one typo
    ("conteneur", "contenur", TYPO),
    ("Dockerfile", "dockerfiel", TYPO),
    ("Image Docker", "imge docker", TYPO),
    ("Conteneur Docker", "conteneur dokcer", TYPO),
    ("Isolation des Données", "isolaton des données", TYPO),
    ("Machines Virtuelles (VM)", "machines virtuelles", EXACT),  # the name without acronym
    ("Machines Virtuelles (VM)", "the VM", NORMALIZED),  # the acronym alone
]

REJECTED = [
    # (expected, typed, reason)
    ("immuable", "mutable", DIFFERENT),
    ("immuable", "muable", OPPOSITE),
    ("immutable", "mutable", OPPOSITE),
    ("activer", "désactiver", OPPOSITE),
    ("image", "conteneur", DIFFERENT),
    ("Image Docker", "Conteneur Docker", DIFFERENT),
    ("Image Docker", "Docker", DIFFERENT),
    ("Image Docker", "image docker conteneur", DIFFERENT),
    ("image", "page", DIFFERENT),
    ("conteneur", "contenu", DIFFERENT),  # two edits in a 9-letter word: another word
    ("Bind Mounts", "Tmpfs Mounts", DIFFERENT),
    ("Portabilité", "Isolation", DIFFERENT),
    ("docker push", "docker pull", TECHNICAL),
    ("docker rm", "docker rmi", TECHNICAL),
    ("docker run", "docker rn", TECHNICAL),  # a typo in a command is another command
    ("docker ps -a", "docker ps", TECHNICAL),
    ("docker ps", "docker ps -a", TECHNICAL),
    ("docker exec -it", "docker exec -i", TECHNICAL),
    ("-p", "-P", TECHNICAL),  # flags are case sensitive
    ("8080", "8081", TECHNICAL),
    ("80:80", "80:8080", TECHNICAL),
    ("port 80", "port 8080", TECHNICAL),
    ("v1.0", "v1.1", TECHNICAL),
    ("git switch", "git merge", DIFFERENT),
    ("FROM", "FORM", TECHNICAL),  # a Dockerfile keyword is exact
    ("host", "hist", DIFFERENT),  # a four-letter word has no room for a typo
    ("image", "", EMPTY),
    ("image", "   ", EMPTY),
    ("image", "?!…", EMPTY),
]


@pytest.mark.parametrize(("expected", "typed", "reason"), ACCEPTED)
def test_accepted_answers(expected, typed, reason):
    result = grade(expected, typed)
    assert result.accepted, (expected, typed, result)
    assert result.reason == reason


@pytest.mark.parametrize(("expected", "typed", "reason"), REJECTED)
def test_rejected_answers(expected, typed, reason):
    result = grade(expected, typed)
    assert not result.accepted, (expected, typed, result)
    assert result.reason == reason


def test_accepted_alternatives_are_graded_like_the_answer():
    result = grade("immuable", "inalterable", ("inaltérable", "invariable"))
    assert result.accepted and result.reason == NORMALIZED
    assert result.matched == "inaltérable" and result.expected == "immuable"
    assert grade("immuable", "invariabel", ("invariable",)).reason == TYPO
    assert not grade("immuable", "variable", ("invariable",)).accepted


def test_typo_bound_grows_with_length():
    assert [typo_bound(n) for n in (3, 4, 5, 9, 10, 15, 16, 40)] == [0, 0, 1, 1, 2, 2, 3, 3]


def test_answer_forms_split_name_and_acronym():
    assert answer_forms("Machines Virtuelles (VM)") == [
        "Machines Virtuelles (VM)",
        "Machines Virtuelles",
        "VM",
    ]
    # A parenthesis that is not an acronym only drops out.
    assert answer_forms("docker pull (image)") == ["docker pull (image)", "docker pull"]
    assert answer_forms("Image Docker") == ["Image Docker"]


def test_explanations_say_what_was_expected_and_why():
    typo = explain(grade("immuable", "imuable"), "fr")
    assert "faute de frappe" in typo and "« immuable »" in typo
    technical = explain(grade("docker push", "docker pull"), "fr")
    assert "« docker pull » n'est pas « docker push »" in technical
    assert "exact" in technical
    opposite = explain(grade("immuable", "muable"), "en")
    assert "opposite" in opposite and "“immuable”" in opposite
    normalized = explain(grade("image docker", "L'image Docker"), "fr")
    assert "articles" in normalized
    alternative = explain(grade("immuable", "inaltérable", ("inaltérable",)), "fr")
    assert "forme admise" in alternative and "inaltérable" in alternative


def test_near_duplicates_cover_gradeable_forms_and_contained_words():
    assert near_duplicate("Isolation", "Isolation des Données")
    assert near_duplicate("Volumes", "volume")
    assert near_duplicate("Portabilité", "portabilite")
    assert not near_duplicate("docker push", "docker pull")  # a good pair of options
    assert not near_duplicate("Bind Mounts", "Tmpfs Mounts")


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text(), st.lists(st.text(), max_size=3))
def test_grade_never_raises(expected, typed, accepted):
    result = grade(expected, typed, accepted)
    assert isinstance(result.accepted, bool)
    assert explain(result, "fr")
    assert explain(result, "en")


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_an_answer_with_words_is_accepted_for_itself(text):
    result = grade(text, text)
    assert result.accepted == (result.reason != EMPTY)
