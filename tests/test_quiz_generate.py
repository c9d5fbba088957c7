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
from bot.quiz.terms import COMMAND, FLAG, NUMBER, same_topic, term_kind
from bot.search.text import fold, words
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
    return problems


def uncovered_pairs(course, generator: Generator, items: list[QuizItem]) -> list[str]:
    keys = {item.key for item in items}
    missing = []
    for module in course.modules:
        for line, key in generator.pair_keys(module.id).items():
            if key not in keys:
                missing.append(f"{module.path}:{line} ({key})")
        if len(generator.pair_keys(module.id)) != len(module.pairs):
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
    assert {item.kind for item in items} == {MCQ, TRUE_FALSE, TYPED}
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


def test_hidden_terms_show_one_readable_marker(bundled_course):
    service = QuizService(bundled_course)
    items = [item for seed in range(10) for item in service.items("3.1", random.Random(seed))]
    texts = [text for item in items for text in (item.prompt, *(item.options or ()))]
    assert any("de l'____, fonctionnant" in text for text in texts)  # a true/false statement
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
