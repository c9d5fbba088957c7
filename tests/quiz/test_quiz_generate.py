"""Generated quiz items: what every item must satisfy (checked on the bundled module, the git
fixture course and the whole real course), determinism per seed, variety across seeds, and
where distractors come from."""

from __future__ import annotations

import random
import re
import textwrap

import pytest

from bot.course.loader import load_course
from bot.quiz.generate import Generator
from bot.quiz.grading import ARTICLES, grade, near_duplicate
from bot.quiz.items import MCQ, TRUE_FALSE, TYPED, QuizItem
from bot.quiz.service import QuizService, pick
from bot.quiz.terms import (
    BLANK,
    COMMAND,
    FLAG,
    NUMBER,
    contains,
    same_thing,
    same_topic,
    term_kind,
)
from bot.text.normalise import fold, words
from conftest import CONTENT, GIT_COURSE, LONG_DEFINITIONS


def _family(term: str) -> str:
    kind = term_kind(term)
    return kind if kind in (COMMAND, FLAG, NUMBER) else "term"


def _words(text: str) -> list[str]:
    return [w for w in words(text) if w not in ARTICLES]


def gives_away(item: QuizItem) -> str | None:
    """The accepted answer written out in the prompt, if any (true/false prompts state a claim,
    so they have nothing to hide)."""
    if item.kind == TRUE_FALSE:
        return None
    prompt = _words(item.prompt)
    for answer in item.answers:
        wanted = _words(answer)
        if len("".join(wanted)) <= 2:  # a flag such as -p: look for it as written
            if re.search(rf"(?<![\w-]){re.escape(answer.strip())}(?![\w-])", item.prompt):
                return answer
            continue
        if any(prompt[i : i + len(wanted)] == wanted for i in range(len(prompt))):
            return answer
    return None


def choice_problem(item: QuizItem) -> str | None:
    """Why a multiple-choice item is unfair, or None: exactly one correct option among 3 or 4
    distinct options, none of the wrong ones gradeable as the answer."""
    options = list(item.options or ())
    if not 3 <= len(options) <= 4:
        return f"{len(options)} options"
    if options.count(item.answer) != 1:
        return "the answer is not exactly one of the options"
    if len({" ".join(_words(o)) for o in options}) != len(options):
        return "two options read the same"
    for option in options:
        if option != item.answer and (
            grade(item.answer, option).accepted or grade(option, item.answer).accepted
        ):
            return f"{option!r} would be graded as the answer"
    return None


def mask_problem(item: QuizItem) -> str | None:
    """How a hidden term gives the answer away, or None: a true/false statement with a blank
    (a true one never has one), an option set where the blank singles out the answer."""
    if item.kind == TRUE_FALSE and item.origin == "generated" and BLANK in item.prompt:
        return "a statement with a blank"
    if item.kind == MCQ:
        masked = [BLANK in option for option in item.options]
        others = [
            m for option, m in zip(item.options, masked, strict=True) if option != item.answer
        ]
        right = masked[item.options.index(item.answer)]
        if (right and not any(others)) or (not right and others and all(others)):
            return "only the answer (or only the wrong options) show a blank"
    return None


def distractor_problem(course, item: QuizItem) -> str | None:
    """A wrong option that could be right, or None: one naming the answer's thing, a section
    title that is no term of the course, a term the definition names, or (for "what does X
    mean?") a definition that names X."""
    if item.kind != MCQ or item.origin != "generated" or "/s/" in item.key:
        return None
    terms = {fold(p.term) for m in course.modules for p in m.pairs if p.term}
    summaries = [b.text for m in course.modules for b in m.summary]
    titles = {fold(s.title) for m in course.modules for s in m.walk()}
    for option in item.options:
        if option == item.answer:
            continue
        if item.topic:  # "what does X mean?": the options are definitions
            if contains(option, item.topic):
                return f"{option!r} names {item.topic!r}"
            continue
        if same_thing(option, item.answer) or near_duplicate(option, item.answer):
            return f"{option!r} names the same thing as {item.answer!r}"
        title = fold(option) in titles and fold(option) not in terms
        if title and not any(contains(text, option) for text in summaries):
            return f"{option!r} is a section title, no term"
        if "/p/" in item.key and contains(item.prompt, option):
            return f"{option!r} is written in the definition"
    return None


def item_problems(course, items: list[QuizItem]) -> list[str]:
    problems = []
    for item in items:
        where = f"{item.key} ({item.kind})"
        if not item.prompt.strip() or not item.explanation.strip():
            problems.append(f"{where}: empty prompt or explanation")
        if item.source.section and course.section(item.source.section) is None:
            problems.append(f"{where}: unknown source section {item.source.section}")
        leaked = gives_away(item)
        if leaked:
            problems.append(f"{where}: the prompt gives away {leaked!r}")
        if item.kind == MCQ and choice_problem(item):
            problems.append(f"{where}: {choice_problem(item)}")
        if item.kind == TRUE_FALSE and item.options != ("Vrai", "Faux"):
            problems.append(f"{where}: true/false options {item.options}")
        if item.kind == TYPED and item.options is not None:
            problems.append(f"{where}: a typed item with options")
        for problem in (mask_problem(item), distractor_problem(course, item)):
            if problem:
                problems.append(f"{where}: {problem}")
    return problems


def uncovered_pairs(course, generator: Generator, items: list[QuizItem]) -> list[str]:
    """Summary pairs asked by no item, but for those the generator leaves out on purpose."""
    keys = {item.key for item in items}
    missing = []
    for module in course.modules:
        for line, key in generator.pair_keys(module.id).items():
            if key not in keys:
                missing.append(f"{module.path}:{line} ({key})")
        lines = set(generator.pair_keys(module.id)) | set(generator.skipped(module.id))
        if any(pair.line not in lines for pair in module.pairs):
            missing.append(f"{module.id}: a pair has no fact")
    return missing


@pytest.fixture(scope="module")
def git_course():
    return load_course(GIT_COURSE).course


@pytest.fixture(scope="module")
def bundled_course():
    return load_course(CONTENT).course


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_bundled_module_items_are_fair(bundled_course, seed):
    generator = Generator(bundled_course)
    items = generator.module_items("3.1", random.Random(seed))
    assert item_problems(bundled_course, items) == []
    assert uncovered_pairs(bundled_course, generator, items) == []
    # Two pairs, each definition naming the other term: no fair distractor is left for a
    # choice (not "Instance", a section title written in the definition).
    assert {item.kind for item in items} == {TRUE_FALSE, TYPED}
    # Each item points to the section that explains its term.
    sources = {item.answer: item.source.section for item in items if item.kind == TYPED}
    assert sources == {"Image Docker": "3.1.2", "Conteneur Docker": "3.1.3"}


@pytest.mark.parametrize("seed", range(6))
def test_git_course_items_are_fair(git_course, seed):
    generator = Generator(git_course)
    items = generator.course_items(random.Random(seed))
    assert item_problems(git_course, items) == []
    assert uncovered_pairs(git_course, generator, items) == []


def test_every_item_kind_is_built_from_a_pair(git_course):
    items = Generator(git_course).module_items("2.1", random.Random(5))
    merge = [item for item in items if item.key == "2.1/p/git-merge"]
    kinds = sorted(item.kind for item in merge)
    assert kinds == [MCQ, MCQ, TRUE_FALSE, TYPED]
    which_term, which_definition = sorted(
        (item for item in merge if item.kind == MCQ), key=lambda i: i.answer != "git merge"
    )
    assert "intègre les commits" in which_term.prompt and which_term.answer == "git merge"
    assert which_definition.prompt == "Que désigne « git merge » ?"
    assert which_definition.answer.startswith("intègre les commits")
    typed = next(item for item in merge if item.kind == TYPED)
    assert typed.answer == "git merge" and "intègre les commits" in typed.prompt
    statement = next(item for item in merge if item.kind == TRUE_FALSE)
    assert statement.answer in ("Vrai", "Faux") and "git merge :" in statement.prompt
    assert statement.explanation.startswith("git merge : intègre les commits")


def test_true_false_pairs_a_term_with_its_own_or_another_definition(git_course):
    generator = Generator(git_course)
    seen = set()
    for seed in range(30):
        for item in generator.module_items("2.2", random.Random(seed)):
            if item.kind == TRUE_FALSE and item.key == "2.2/p/git-push":
                true = "envoie vos commits locaux" in item.prompt
                assert (item.answer == "Vrai") == true
                seen.add(item.answer)
    assert seen == {"Vrai", "Faux"}


def test_distractors_are_of_the_answers_kind_and_module_first(git_course):
    items = Generator(git_course).course_items(random.Random(3))
    module_terms = {m.id: {p.term for p in m.pairs} for m in git_course.modules}
    # What a module says in its summary and titles: where same-module distractors come from.
    module_text = {
        m.id: fold(" ".join([*(b.text for b in m.summary), *(s.title for s in m.walk())]))
        for m in git_course.modules
    }
    for item in items:
        if item.kind != MCQ or "/p/" not in item.key:
            continue
        if item.answer in module_terms[item.source.module]:  # "which term is defined so?"
            if term_kind(item.answer) == COMMAND:
                assert all(term_kind(o) == COMMAND for o in item.options), item.options
            others = [o for o in item.options if o != item.answer]
            local = [o for o in others if fold(o) in module_text[item.source.module]]
            alike = [
                t
                for t in module_terms[item.source.module]
                if t != item.answer and _family(t) == _family(item.answer)
            ]
            assert local or not alike, (item.key, item.options)
        for i, a in enumerate(item.options):
            for b in item.options[i + 1 :]:
                assert not near_duplicate(a, b), (item.key, a, b)


def test_same_seed_same_quiz_and_other_seeds_vary(git_course):
    service = QuizService(git_course)
    quiz = [item.to_json() for item in service.build("2.1", n=5, seed=11)]
    assert quiz == [item.to_json() for item in service.build("2.1", n=5, seed=11)]
    quizzes = [service.build("2.1", n=5, seed=seed) for seed in range(12)]
    assert len({tuple(item.key for item in q) for q in quizzes}) > 1  # which facts
    assert len({tuple(item.kind for item in q) for q in quizzes}) > 1  # which side / kind
    options = {
        item.options
        for q in quizzes
        for item in q
        if item.kind == MCQ and item.key == "2.1/p/git-switch" and item.answer == "git switch"
    }
    assert len(options) > 1  # option order and distractors


def test_pick_never_asks_a_fact_twice_and_stops_at_the_number_of_facts(git_course):
    bank = Generator(git_course).module_items("1.2", random.Random(0))
    facts = {item.key for item in bank}
    assert len(bank) > len(facts)  # several forms of each fact
    for n in (2, len(facts), len(bank) + 10):
        drawn = pick(bank, n, random.Random(1))
        keys = [item.key for item in drawn]
        assert len(keys) == len(set(keys)) == min(n, len(facts))


@pytest.mark.parametrize("seed", range(30))
def test_quizzes_of_a_module_with_few_facts_ask_each_fact_once(bundled_course, seed):
    service = QuizService.from_content(CONTENT, bundled_course)[0]
    facts = {item.key for item in service.items("3.1", random.Random(0))}
    solo = service.start_solo("ana", "3.1", n=9, seed=seed)
    group = service.start_group("chan", "3.1", n=9, seed=seed)
    review = service.build(None, n=50, seed=seed)
    for quiz in (solo.items, group.items, review):
        keys = [item.key for item in quiz]
        assert sorted(keys) == sorted(facts)  # every fact, once
    assert (solo.total, solo.requested) == (len(facts), 9)
    assert service.build("3.1", n=5, seed=seed) == service.build("3.1", n=5, seed=seed)


def test_a_quiz_needs_a_positive_length(bundled_course):
    service = QuizService(bundled_course)
    for n in (0, -1):
        with pytest.raises(ValueError, match="at least one question"):
            service.build("3.1", n=n)


def test_corpus_modules_with_few_facts_never_repeat_one(corpus_course):
    service = QuizService(corpus_course.course)
    for module_id in ("3.1", "3.4", "5.2"):
        for seed in range(30):
            keys = [item.key for item in service.build(module_id, n=5, seed=seed)]
            assert len(keys) == len(set(keys)), (module_id, seed, keys)


def test_hidden_terms_show_one_readable_marker(corpus_course):
    service = QuizService(corpus_course.course)
    items = [item for seed in range(3) for item in service.items("1.3", random.Random(seed))]
    texts = [text for item in items for text in (item.prompt, *(item.options or ()))]
    assert any("Offre une ____ sécurisée" in text for text in texts)
    # An ellipsis as the marker read as punctuation: "de l'…," or "créer un …. …".
    assert not [text for text in texts if re.search(r"\w'…|…[,.]", text)]


def test_modules_without_pairs_use_bullets_and_section_titles(tmp_path):
    (tmp_path / "1.1-logs.md").write_text(
        textwrap.dedent(
            """\
            # 1.1 Surveiller ses conteneurs

            ## 1.1.1 Lister les conteneurs
            La commande docker ps affiche les conteneurs en cours d'exécution ; avec -a elle
            montre aussi ceux qui sont arrêtés.

            ## 1.1.2 Lire les journaux
            La commande docker logs affiche la sortie d'un conteneur, pratique pour comprendre
            une erreur au démarrage.

            ## 1.1.3 Mesurer les ressources
            La commande docker stats montre en direct la mémoire et le processeur utilisés par
            chaque conteneur.

            ## Résumé
            - Utilisez docker ps -a pour voir tous les conteneurs, même arrêtés.
            - docker logs permet de lire la sortie d'un conteneur.
            - docker stats offre une vue en temps réel des ressources.
            """
        ),
        encoding="utf-8",
    )
    course = load_course(tmp_path).course
    items = Generator(course).module_items("1.1", random.Random(2))
    assert item_problems(course, items) == []
    blanks = [item for item in items if item.kind == TYPED]
    assert {item.answer for item in blanks} == {"docker ps -a", "docker logs", "docker stats"}
    assert all("____" in item.prompt for item in blanks)
    sections = [item for item in items if item.key.startswith("1.1/s/")]
    assert {item.answer for item in sections} == {
        "Lister les conteneurs",
        "Lire les journaux",
        "Mesurer les ressources",
    }
    swapped = [item for item in items if item.kind == TRUE_FALSE and item.answer == "Faux"]
    for item in swapped:  # a false statement swaps the command for another one
        assert item.explanation.split()[0:2] != item.prompt.split("« ")[1].split()[0:2]


def test_corpus_every_pair_is_asked_fairly(corpus_course):
    course = corpus_course.course
    assert len(course.modules) == 34
    generator = Generator(course)
    for seed in (0, 1):
        items = generator.course_items(random.Random(seed))
        assert uncovered_pairs(course, generator, items) == []
        assert item_problems(course, items) == []
    assert sum(len(m.pairs) for m in course.modules) > 80


def test_a_shortened_definition_option_keeps_the_whole_answer():
    course = load_course(LONG_DEFINITIONS).course
    items = Generator(course).module_items("4.1", random.Random(0))
    cut = [i for i in items if i.kind == MCQ and i.answer.endswith("…")]
    assert cut, "the long definition is offered as a shortened option"
    for item in cut:
        assert item.full_answer.startswith(item.answer.removesuffix("…").rstrip())
        assert item.full_answer.endswith("appropriées pour les données.")
        assert item.answer in item.options  # the options themselves stay short
    assert all(not i.full_answer for i in items if i not in cut)  # already whole


def _course(folder, lessons: dict[str, str]):
    """A course written in ``folder``: one Markdown file per lesson (dedented)."""
    for name, text in lessons.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return load_course(folder).course


SQL_LESSON = """\
    # 3.1 Les transactions

    ## 3.1.1 Ouvrir et valider

    Une transaction regroupe des opérations.

    ## Résumé

    - **Transaction** : un groupe d'opérations qui réussissent toutes ensemble ou échouent.
    - **COMMIT** : valide la transaction et rend ses modifications définitives.
    - **ROLLBACK** : annule la transaction et ramène la base à son état d'avant.
    - **ACID** : les quatre garanties d'une transaction : atomicité, cohérence, isolation.
    - **Interblocage** : deux transactions qui attendent chacune un verrou tenu par l'autre.
    - **Index** : une structure triée qui retrouve des lignes sans lire toute la table.
    - **Isolation** : offre une isolation entre les requêtes qui tournent en même temps.
    - **Gestion des versions** : garder l'historique des schémas de la base.
    - **Mise à jour du schéma** : appliquer une nouvelle version du schéma à chaque livraison.
    """


def test_a_definition_naming_a_term_never_gives_it_away(tmp_path):
    course = _course(tmp_path, {"3.1-transactions.md": SQL_LESSON})
    generator = Generator(course)
    statements = {}
    for seed in range(20):
        items = generator.module_items("3.1", random.Random(seed))
        assert item_problems(course, items) == []
        for item in items:
            if item.kind == MCQ and item.topic == "Transaction":
                # Three other definitions say "transaction": masked, only they had a blank.
                assert not [o for o in item.options if "transaction" in fold(o)], item.options
            # "Isolation : offre une isolation..." would be the one option repeating its word.
            assert not (item.kind == MCQ and item.topic == "Isolation"), item.options
            if item.kind == TRUE_FALSE:
                assert BLANK not in item.prompt
                statements.setdefault(item.key, set()).add((item.answer, item.prompt))
    claims = {key: {a for a, _ in found} for key, found in statements.items()}
    # A true statement repeating its term would be told apart from the false ones.
    assert claims["3.1/p/isolation"] == {"Faux"}
    assert claims["3.1/p/commit"] == {"Vrai", "Faux"}
    # "appliquer une nouvelle version du schéma" could be said of it: never its false claim.
    assert not [p for _, p in statements["3.1/p/gestion-des-versions"] if "nouvelle version" in p]


def test_heading_labels_and_example_bullets_are_not_asked(tmp_path):
    course = _course(
        tmp_path,
        {
            "1.2-docker.md": """\
            # 1.2 Docker

            ## 1.2.1 Utilisations

            Docker sert partout.

            ## Résumé

            - **Isolation** : chaque conteneur fonctionne à part des autres.
            - **Portabilité** : une image tourne sur toute machine qui a Docker.
            - **Efficacité** : les conteneurs partagent le noyau de l'hôte.
            - **Utilisations** : Docker est utilisé pour les pipelines CI/CD et le cloud.
            - **Bonnes pratiques** : Incluent la surveillance de la RAM et des disques.
            - **Création et utilisation** : Se font via l'option --tmpfs de la commande run.
            - **Exemple pratique** :
              - **API** : Connectée à PostgreSQL pour le stockage de données.
              - **Nginx** : Configuré comme reverse proxy devant l'API.
            """
        },
    )
    generator = Generator(course)
    labels = {"utilisations", "bonnes pratiques", "creation et utilisation", "api", "nginx"}
    for seed in range(10):
        items = generator.module_items("1.2", random.Random(seed))
        assert item_problems(course, items) == []
        for item in items:
            assert fold(item.about) not in labels, item
            assert not {fold(o) for o in item.options or ()} & labels, item
            assert "Connectée" not in item.prompt and "Incluent" not in item.prompt
            assert "Se font" not in item.prompt
    # The label's definition still teaches something: asked on its own.
    assert any(
        "les pipelines ____" in i.prompt for i in generator.module_items("1.2", random.Random(0))
    )
    assert set(generator.skipped("1.2").values()) == {
        "'Utilisations' is a heading, not a term",
        "'Bonnes pratiques' is a heading, not a term",
        "'Création et utilisation' is a heading, not a term",
        "under the example heading 'Exemple pratique'",
    }


def test_typed_answers_are_short_terms_and_commands(tmp_path):
    course = _course(
        tmp_path,
        {
            "2.1-divers.md": """\
            # 2.1 Divers

            ## 2.1.1 Texte

            Un peu de texte.

            ## Résumé

            - **Gestion des Versions** : adoptez la gestion sémantique pour vos étiquettes.
            - **Importance des Tags** : les étiquettes identifient clairement chaque livraison.
            - **Exécuter une Commande Spécifique** : lance une seule action dans le service.
            - **Clé primaire** : identifie chaque ligne de façon unique.
            - **Multi-stage Builds** : séparent la construction de l'image finale.
            - **ORDER BY** : trie le résultat de la requête.
            - **docker compose up** : démarre tous les services décrits.
            """
        },
    )
    typed = {
        item.answer
        for seed in range(5)
        for item in Generator(course).module_items("2.1", random.Random(seed))
        if item.kind == TYPED
    }
    assert typed == {"Clé primaire", "Multi-stage Builds", "ORDER BY", "docker compose up"}


def test_a_prompt_shows_a_bullet_not_the_paragraph_glued_to_it(tmp_path):
    course = _course(
        tmp_path,
        {
            "6.2-reseaux.md": """\
            # 6.2 Réseaux

            ## 6.2.1 Créer

            Un réseau relie des conteneurs.

            ## Résumé

            - **Avantages** :
              - Utilisation de `docker network create` pour isoler les services entre eux.
            L'utilisation de docker network create permet de sécuriser la communication entre
            les conteneurs, comme illustré dans cet exemple avec un serveur web et une API. Voici
            comment procéder à la création des réseaux avec docker network create.
            """
        },
    )
    items = Generator(course).module_items("6.2", random.Random(0))
    clozes = [item for item in items if item.kind in (MCQ, TYPED)]
    assert clozes
    for item in clozes:
        assert item.prompt.count(BLANK) == 1 and "Voici" not in item.prompt, item.prompt


def test_distractors_never_name_the_answers_thing(tmp_path):
    course = _course(
        tmp_path,
        {
            "1.1-machines.md": """\
            # 1.1 Machines

            ## 1.1.1 Texte

            Du texte.

            ## Résumé

            - **Machines Virtuelles (VM)** : simulent un ordinateur complet grâce à un hyperviseur.
            - **Bare Metal** : un serveur physique sans couche de virtualisation.
            - **Conteneur** : un processus isolé qui partage le noyau de l'hôte.
            - **Hyperviseur** : le logiciel qui fait tourner les machines simulées.
            """,
            "1.2-autres.md": """\
            # 1.2 Autres

            ## 1.2.1 Texte

            Du texte.

            ## Résumé

            - **Virtual Machine (VM)** : un ordinateur simulé, avec son propre système.
            - **Container** : une application emballée avec ses dépendances.
            - **Serveur** : une machine qui rend un service sur le réseau.
            """,
        },
    )
    generator = Generator(course, synonyms=(("conteneur", "container"),))
    for seed in range(20):
        for item in generator.course_items(random.Random(seed)):
            if item.kind == MCQ and item.answer in ("Machines Virtuelles (VM)", "Conteneur"):
                others = {
                    "Machines Virtuelles (VM)": "Virtual Machine (VM)",
                    "Conteneur": "Container",
                }
                assert others[item.answer] not in item.options, item.options


def test_a_quiz_never_asks_for_one_thing_twice(tmp_path):
    course = _course(
        tmp_path,
        {
            "4.7-partage.md": """\
            # 4.7 Partage

            ## 4.7.1 Pousser

            On pousse les images vers un registre.

            ## Résumé

            - Docker Hub est le registre par défaut, d'autres registres existent.
            - Connectez-vous à Docker Hub via `docker login`.
            - Taguez votre image avec votre nom d'utilisateur Docker Hub.
            - Poussez l'image vers Docker Hub pour la partager.
            - Utilisez `docker compose up` pour lancer tous les services.
            - Pour exécuter en arrière-plan, ajoutez `-d` à la commande.
            - Démarrez tout en arrière-plan avec `docker compose up -d`.
            - Arrêtez les services avec `docker compose stop`.
            - Relancez-les vite après un arrêt avec `docker compose stop` puis start.
            """,
        },
    )
    service = QuizService(course)
    for seed in range(30):
        for quiz in (service.build("4.7", n=5, seed=seed), service.build(None, n=9, seed=seed)):
            asked = [item.about for item in quiz if item.about]
            for i, first in enumerate(asked):
                for second in asked[i + 1 :]:
                    assert not same_topic(first, second), (seed, asked)


def test_a_section_excerpt_shows_no_list_dashes(tmp_path):
    course = _course(
        tmp_path,
        {
            "7.2-services.md": """\
            # 7.2 Services

            ## 7.2.1 Arrêter les services

            - docker compose stop : arrête les services sans les supprimer, pour repartir vite.
            - docker compose down : arrête et supprime les conteneurs et les réseaux créés.

            ## 7.2.2 Lire les journaux

            La commande docker compose logs affiche la sortie de chaque service du projet.

            ## 7.2.3 Redémarrer un service

            La commande docker compose restart relance un service après un changement.

            ## 7.2.4 Exemples pratiques

            ### Arrêter sans supprimer

            Arrêtez les services avec docker compose stop, sans rien supprimer du projet.

            ## Résumé

            - Arrêtez les services avec docker compose stop.
            """
        },
    )
    items = Generator(course).module_items("7.2", random.Random(0))
    excerpt = next(item for item in items if item.key == "7.2/s/7.2.1")
    assert "« docker compose stop : arrête" in excerpt.prompt
    assert "- " not in excerpt.prompt.split("«", 1)[1]
    # An example shows again what a section explains: neither asked nor offered beside it.
    assert not [i for i in items if "Arrêter sans supprimer" in (i.answer, *(i.options or ()))]


def test_a_hidden_term_hides_its_synonyms_too(tmp_path):
    course = _course(
        tmp_path,
        {
            "1.1-machines.md": """\
            # 1.1 Machines

            ## 1.1.1 Container

            Les conteneurs partagent le noyau de l'hôte, chaque conteneur restant isolé.

            ## 1.1.2 Bare Metal

            Un serveur physique exécute directement ses applications, sans virtualisation.

            ## 1.1.3 Machine virtuelle

            Un hyperviseur simule un ordinateur complet avec son propre système d'exploitation.
            """
        },
    )
    generator = Generator(course, synonyms=(("conteneur", "container", "conteneurs"),))
    item = next(
        i for i in generator.module_items("1.1", random.Random(0)) if i.key == "1.1/s/1.1.1"
    )
    assert item.answer == "Container" and "conteneur" not in fold(item.prompt), item.prompt
