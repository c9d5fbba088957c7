"""The typed-answer grader: tables of accepted and rejected answers, the reasons it gives, and
a property test that it never raises."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.quiz.grading import (
    DIFFERENT,
    DISTINCTIVE,
    EMPTY,
    EXACT,
    INCOMPLETE,
    NORMALIZED,
    OPPOSITE,
    OTHER_TERM,
    SYNONYM,
    TECHNICAL,
    TYPO,
    Vocabulary,
    answer_forms,
    explain,
    grade,
    is_command,
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
    # Capitals make a keyword, not a command: its typos are forgiven like any word's.
    ("ROLLBACK", "rollbak", TYPO),
    ("ROLLBACK", "ROLBACK", TYPO),
    ("INNER JOIN", "innner join", TYPO),
    ("SELECT", "selct", TYPO),
    ("COMMIT", "Commit", EXACT),
    ("Nginx", "nginix", TYPO),  # a final x is no plural to strip before counting typos
    ("dbms", "DBMS", EXACT),  # a synonym written in lower case, typed in capitals
    ("sgbds", "SGBD", NORMALIZED),
]

REJECTED = [
    # (expected, typed, reason)
    ("immuable", "mutable", DIFFERENT),
    ("immuable", "muable", OPPOSITE),
    ("immutable", "mutable", OPPOSITE),
    ("activer", "désactiver", OPPOSITE),
    ("image", "conteneur", DIFFERENT),
    ("Image Docker", "Conteneur Docker", DIFFERENT),
    ("Image Docker", "Docker", INCOMPLETE),
    ("Docker Hub", "docker", INCOMPLETE),  # a product name, not a command to type exactly
    ("Docker Hub", "Docker Compose", DIFFERENT),
    ("INNER JOIN", "LEFT JOIN", DIFFERENT),
    ("INNER JOIN", "inner", INCOMPLETE),
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
    ("docker-compose up", "docker-compose stop", DIFFERENT),
    ("docker-compose up", "up", INCOMPLETE),
    ("-d", "--detach", DIFFERENT),
    ("docker exec -it", "docker exec -i", TECHNICAL),
    ("-p", "-P", TECHNICAL),  # flags are case sensitive
    ("8080", "8081", TECHNICAL),
    ("80:80", "80:8080", TECHNICAL),
    ("port 80", "port 8080", TECHNICAL),
    ("v1.0", "v1.1", TECHNICAL),
    ("git switch", "git merge", DIFFERENT),
    ("FROM", "FORM", DIFFERENT),  # four letters leave no room for a typo, in capitals too
    # Initials: a letter more or less, or a final S, is another name.
    ("HTTPS", "http", DIFFERENT),
    ("HTTPS", "HTTP", DIFFERENT),
    ("RDBMS", "DBMS", DIFFERENT),
    ("DBMS", "dbm", DIFFERENT),
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
    alternative = explain(grade("immuable", "Inaltérable", ("inaltérable",)), "fr")
    assert (
        alternative == "Accepté : « Inaltérable » est aussi une réponse admise pour « immuable »."
    )
    written = explain(grade("immuable", "invariabel", ("invariable",)), "fr")
    assert "faute de frappe" in written and "forme admise : « invariable »" in written
    incomplete = explain(grade("Docker Hub", "docker"), "fr")
    assert (
        incomplete
        == "Refusé : « docker » ne suffit pas ; la réponse attendue était « Docker Hub »."
    )
    assert "commande" not in explain(grade("ROLLBACK", "rollbac"), "fr")


def test_synonyms_are_explained_as_such_and_never_shown():
    # Synonym variants are built by swapping words: nobody wrote "inner joins".
    variants = ("inner joins", "inner jointure")
    capitals = grade("SGBD", "DBMS", synonyms=("dbms", "rdbms"))
    assert (capitals.accepted, capitals.reason, capitals.matched) == (True, SYNONYM, "dbms")
    assert (
        explain(capitals, "fr")
        == "Accepté : d'après le cours, « DBMS » est un synonyme de « SGBD »."
    )
    tags = explain(grade("Tags", "étiquettes", synonyms=("etiquette",)), "en")
    assert tags == "Accepted: the course gives “étiquettes” as a synonym of “Tags”."
    misspelt = grade("Tags", "etiquete", synonyms=("etiquette",))
    assert misspelt.reason == SYNONYM and misspelt.edits == 1
    assert explain(misspelt, "fr") == (
        "Accepté malgré une faute de frappe : d'après le cours, c'est un synonyme de « Tags »."
    )
    # A typo of the answer itself is told as one, against the answer as written.
    typo = grade("INNER JOIN", "innner join", synonyms=variants)
    assert (typo.reason, typo.matched) == (TYPO, "INNER JOIN")
    assert "inner joins" not in explain(typo, "fr")
    # Without a typo, a synonym still beats a typo of the answer.
    assert grade("Conteneur Docker", "container docker", synonyms=("container docker",)).reason == (
        SYNONYM
    )


def test_a_capitalised_tool_name_is_a_product_not_a_command():
    assert not is_command("Docker Hub") and not is_command("Docker Compose")
    assert is_command("docker push") and is_command("-d") and is_command("docker-compose up")
    assert grade("docker ps -a", "Docker ps -a").accepted  # a phone's capital is forgiven


# A course whose module titles all name its subject, and terms that share words.
COURSE_TITLES = [
    "Qu'est-ce que Docker ?",
    "Les images Docker",
    "Gérer les conteneurs Docker",
    "Le stockage avec Docker",
    "Docker Hub et les registres",
]
COURSE_TERMS = [
    "Image Docker",
    "Conteneur Docker",
    "Docker Hub",
    "Docker Compose",
    "docker-compose up",
    "docker-compose stop",
    "Volumes",
    "Bind Mounts",
    "Tmpfs Mounts",
    "Isolation",
    "Isolation des Données",
    "Sécurité des Données",
    "Supprimer une Image",
    "Supprimer un Conteneur",
    "Clé primaire",
    "Clé étrangère",
]
COURSE_SYNONYMS = [["conteneur", "container", "ctr"], ["image", "img"]]
VOCABULARY = Vocabulary.build(COURSE_TITLES, COURSE_TERMS, COURSE_SYNONYMS)

# Each answer with what a student may type for it alone: the subject left out...
SHORT_ACCEPTED = {
    "Conteneur Docker": ["conteneur", "un conteneur", "container", "contener"],  # with a typo
    "Image Docker": ["image", "une image", "docker image", "img"],
    "Docker Hub": ["hub"],
    "Docker Compose": ["compose"],
    # ...or the head shared with a sibling term, when the rest tells them apart.
    "Tmpfs Mounts": ["tmpfs"],
    "Bind Mounts": ["bind"],
    "Clé primaire": ["primaire"],
    "Sécurité des Données": ["sécurité"],
}
# The synonym variants a quiz would pass along (see bot.quiz.terms.synonym_variants).
VARIANTS = {"Conteneur Docker": ("container docker",), "Image Docker": ("img docker",)}

# Why each part is refused, by reason: (expected, typed).
SHORT_REJECTED = {
    INCOMPLETE: [
        ("Docker Hub", "docker"),
        ("Tmpfs Mounts", "mounts"),
        ("Clé primaire", "clé"),
        ("Isolation des Données", "données"),
        ("Supprimer une Image", "supprimer"),  # a container's too
        ("docker-compose up", "up"),  # a command is never shortened
    ],
    OTHER_TERM: [("Isolation des Données", "isolation")],  # "Isolation" is a term
    TECHNICAL: [("docker-compose up", "docker-compose")],
    DIFFERENT: [
        ("Docker Hub", "compose"),
        ("Docker Compose", "hub"),
        ("Docker Hub", "Docker Compose"),
        ("Conteneur Docker", "image"),
        ("Bind Mounts", "tmpfs"),
        ("Tmpfs Mounts", "bind"),
        ("Bind Mounts", "Tmpfs Mounts"),
        ("Clé primaire", "étrangère"),
        ("docker-compose up", "docker-compose stop"),
    ],
}


@pytest.mark.parametrize(
    ("expected", "typed"),
    [(e, typed) for e, answers in SHORT_ACCEPTED.items() for typed in answers],
)
def test_the_distinctive_part_of_a_term_is_enough(expected, typed):
    variants = VARIANTS.get(expected, ())
    result = grade(expected, typed, synonyms=variants, vocabulary=VOCABULARY)
    assert result.accepted and result.reason == DISTINCTIVE, result
    assert explain(result, "fr").startswith("Accepté")
    # It is the course's vocabulary that allows it.
    assert not grade(expected, typed, synonyms=variants).accepted


@pytest.mark.parametrize(
    ("expected", "typed", "reason"),
    [(e, typed, reason) for reason, pairs in SHORT_REJECTED.items() for e, typed in pairs],
)
def test_a_part_shared_with_another_term_is_not_enough(expected, typed, reason):
    result = grade(expected, typed, vocabulary=VOCABULARY)
    assert not result.accepted, result
    assert result.reason == reason


def test_the_vocabulary_never_accepts_one_term_for_another():
    for expected in COURSE_TERMS:
        for typed in COURSE_TERMS:
            if typed != expected:
                assert not grade(expected, typed, vocabulary=VOCABULARY).accepted, (expected, typed)


def test_the_subject_is_the_word_of_most_module_titles():
    assert VOCABULARY.subject == {"docker"}
    # Stop words name no subject, and two modules are too few to tell.
    titles = ["Lire avec SQL", "Écrire avec SQL", "Trier avec SQL"]
    assert Vocabulary.build(titles, []).subject == {"sql"}
    assert Vocabulary.build(COURSE_TITLES[:2], COURSE_TERMS).subject == set()
    explained = explain(grade("Docker Hub", "hub", vocabulary=VOCABULARY), "en")
    assert explained == "Accepted: in this course, “hub” is enough to name “Docker Hub”."


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


@pytest.mark.parametrize(("expected", "given", "accepted"), [
    ("fichier docker-compose.yaml", "docker-compose.yaml", True),
    ("le fichier .env", ".env", True),
    ("la commande docker ps", "docker ps", True),
    ("la commande docker ps", "docker pull", False),
    ("fichier docker-compose.yaml", "fichier", False),
    ("fichier texte", "texte", False),  # a plain word is no technical token
])
def test_a_kind_word_before_a_technical_token_may_be_left_out(expected, given, accepted):
    assert grade(expected, given).accepted is accepted
