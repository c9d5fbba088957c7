"""Quizzes on a course the generator was not tuned on (a databases course, written as real
ones are): labels are not asked as terms, quotes around a term are not part of it, no prompt
gives its answer away by a word of its root, and true/false takes yes and no as students
type them."""

import functools
import json
import subprocess
import sys

import pytest

from bot.cli.main import main
from conftest import FIXTURES, REPO

LESSON = """# 1.1 Découvrir PostgreSQL

Introduction au SGBD PostgreSQL.

## 1.1.1 Installation

PostgreSQL s'installe avec le gestionnaire de paquets.

## 1.1.2 Les opérateurs

L'opérateur IN teste l'appartenance à une liste.

## Résumé

- **Installation** : PostgreSQL s'installe avec apt install postgresql sur Ubuntu.
- **Création et Maintenance** : on crée une base avec CREATE DATABASE, entretenue par VACUUM.
- **'IN'** : opérateur qui teste l'appartenance d'une valeur à une liste.
- **« LIKE »** : opérateur de recherche par motif avec % et _.
- **Vue** : requête nommée ; les vues ne stockent aucune donnée et s'interrogent comme des tables.
- **Normalisation** : on normalise les tables en formes normales pour éviter la redondance.
- **Sauvegarde** : copie de la base, faite avec pg_dump pour sauvegarder les données.
- **Clé primaire** : colonne qui identifie chaque ligne de façon unique.
- **Transaction** : bloc d'instructions appliqué en entier ou pas du tout.
- **Déclencheur** : fonction exécutée automatiquement lors d'une écriture sur une table.
"""


@pytest.fixture
def course(tmp_path):
    folder = tmp_path / "bases"
    folder.mkdir()
    (folder / "1.1-postgresql.md").write_text(LESSON, encoding="utf-8")
    return folder


def bank(course, capsys) -> list[dict]:
    """Every item a quiz on the module may ask, over several draws."""
    items = []
    for seed in range(6):
        assert main(["quiz", "--json", "--content", str(course), "1.1", "-n", "50",
                     "--seed", str(seed)]) == 0
        items += json.loads(capsys.readouterr().out)
    return items


def test_lesson_labels_are_not_asked_as_terms(course, capsys):
    items = bank(course, capsys)
    assert items
    for item in items:
        shown = [item["answer"], *(item["options"] or [])]
        for label in ("Installation", "Création et Maintenance"):
            assert label not in shown, item
            assert f"« {label} »" not in item["prompt"], item
    # The export, every item at once, agrees.
    assert main(["quiz", "--export", "gift", "--content", str(course), "1.1"]) == 0
    gift = capsys.readouterr().out
    assert "=Installation" not in gift and "~Installation" not in gift
    assert "Création et Maintenance ?" not in gift and "~Création et Maintenance" not in gift


def test_a_term_loses_the_quotes_around_it(course, capsys):
    items = bank(course, capsys)
    shown = {text for item in items for text in [item["answer"], *(item["options"] or [])]}
    assert "IN" in shown and "LIKE" in shown
    assert not any(text[:1] in "'\"«“" for text in shown), sorted(shown)
    assert not any("« 'IN' »" in item["prompt"] or "« « LIKE » »" in item["prompt"]
                   for item in items)


@pytest.mark.parametrize(("term", "giveaway"), [
    ("Vue", "vues"), ("Normalisation", "normalise"), ("Sauvegarde", "sauvegarder"),
])
def test_a_definition_does_not_name_its_own_answer(course, capsys, term, giveaway):
    items = [i for i in bank(course, capsys) if term in (i["answer"], *(i["options"] or []))]
    asked = [i for i in items if i["answer"] == term]
    assert asked, f"no item asks for {term}"
    for item in asked:
        assert giveaway not in item["prompt"].lower(), item
    # Nor is its definition offered as the right option of « Que désigne « term » ? ».
    for item in items:
        if f"« {term} »" in item["prompt"] and item["kind"] == "mcq":
            assert giveaway not in item["answer"].lower(), item


@functools.cache
def true_false_seed(content, module):
    for seed in range(60):
        [item] = json.loads(subprocess.run(
            [sys.executable, "-m", "bot", "quiz", "--json", "--content", str(content), module,
             "-n", "1", "--seed", str(seed)], cwd=REPO, capture_output=True, text=True,
            timeout=60).stdout)
        if item["kind"] == "true_false":
            return seed, item["answer"] == "Vrai"
    pytest.fail("no true/false item in 60 draws")


@pytest.mark.parametrize(("said", "means"), [
    ("oui", True), ("ouais", True), ("Oui !", True), ("yes", True), ("c'est vrai", True),
    ("non", False), ("nope", False), ("no", False), ("Faux.", False),
])
def test_true_false_takes_yes_and_no_as_typed(tmp_path, said, means):
    content = FIXTURES / "course-sql"
    seed, true = true_false_seed(content, "1.1")
    run = subprocess.run(
        [sys.executable, "-m", "bot", "quiz", "--content", str(content), "1.1", "-n", "1",
         "--seed", str(seed), "--db", str(tmp_path / "q.db")],
        cwd=REPO, input=said + "\n", capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "Répondez par Vrai ou Faux" not in run.stdout
    verdict = "Bonne réponse" if means == true else "Mauvaise réponse"
    assert verdict in run.stdout, run.stdout
