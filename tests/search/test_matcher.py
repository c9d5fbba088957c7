"""Answering on the bundled content and on hand-made courses: outcomes, FAQ, synonyms."""

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.app.engine import load_engine
from bot.course.loader import load_course
from bot.search.answer import Answer
from bot.search.matcher import Matcher
from bot.search.query import smalltalk_kind
from bot.text.normalise import Normalizer
from conftest import CONTENT, GIT_COURSE, two_tagging_lessons

# General language knowledge only: no course synonyms.
NORMALIZER = Normalizer()


def course_engine(tmp_path, files: dict[str, str]):
    """The engine of a small course written for one test: file name -> Markdown."""
    folder = tmp_path / "c"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return load_engine(folder)


@pytest.mark.parametrize(
    "question",
    [
        "image vs conteneur ?",
        "imgae vs conteneure",
        "difference between an image and a container",
        "Quelle est la différence entre une image et un conteneur Docker ?",
        "c koi une image docker",
    ],
)
def test_questions_answer_from_module_3_1(bundled_engine, question):
    answer = bundled_engine.matcher.ask(question)
    assert answer.answered, answer
    assert answer.module_id == "3.1"
    assert answer.source.startswith("content/3.1-conteneur-vs-image-docker.md:")
    assert answer.short


def test_the_answer_carries_its_source_and_neighbours(bundled_engine):
    answer = bundled_engine.matcher.ask("qu'est-ce qu'une instance ?")
    assert answer.answered and answer.section_id == "3.1.1"
    assert answer.heading == "3.1.1 Instance :"
    assert answer.source.endswith(":23")
    assert answer.short.startswith("Imaginez une chanson")
    assert {r.section_id for r in answer.related} >= {"3.1.2", "3.1.3"}
    assert answer.to_json()["section"] == "3.1.1 Instance :"


@pytest.mark.parametrize(
    "question",
    ["recette de la pâte à crêpes", "kubernetes helm chart", "quel temps fait-il à Paris ?"],
)
def test_off_topic_abstains(bundled_engine, question):
    answer = bundled_engine.matcher.ask(question)
    assert answer.outcome == "abstain"
    assert not answer.answered and answer.to_json()["answer"] is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [("bonjour !", "greeting"), ("merci beaucoup", "thanks"), ("t'es un bot ?", "identity"),
     ("aide", "help"), ("help me please", "help"), ("j'ai besoin d'aide", "help"),
     ("salut, c'est quoi une image ?", None), ("aide sur les images", None)],
)
def test_small_talk_is_never_a_course_section(bundled_engine, text, kind):
    assert smalltalk_kind(text) == kind
    answer = bundled_engine.matcher.ask(text)
    if kind:
        assert answer.outcome == "smalltalk" and answer.section_id is None
    else:
        assert answer.outcome != "smalltalk"


@pytest.mark.parametrize("text", ["", "   ", "???", "🐳🐳🐳"])
def test_empty_questions(bundled_engine, text):
    assert bundled_engine.matcher.ask(text).outcome == "empty"


def test_an_empty_message_gets_an_example_from_the_course_served(tmp_path):
    from bot.present.text import reply_text

    engine = course_engine(tmp_path, {"1.1-sql.md": "# 1.1 Le SQL\n\n## 1.1.1 Les tables\n\n"
                                      "Une table range des lignes.\n\n## 1.1.2 "
                                      "Qu'est-ce qu'une clé primaire ?\n\nElle identifie.\n"})
    answer = engine.matcher.ask("  ")
    assert answer.example == "Qu'est-ce qu'une clé primaire ?"  # the first question-shaped title
    assert "« Qu'est-ce qu'une clé primaire ? »" in reply_text(answer)
    assert "clé primaire" in reply_text(answer, "en")


def test_faq_alternate_wins_over_generated_entry(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "c")
    question = "comment appelle-t-on le modèle figé ?"
    before = load_engine(tmp_path / "c").matcher.ask(question)
    assert not (before.answered and before.section_id == "3.1.2")
    (tmp_path / "c" / "faq.yaml").write_text(
        "- question: Quel est le modèle d'un conteneur ?\n"
        "  alternates: ['comment appelle-t-on le modèle figé ?']\n"
        "  section: 3.1.2\n",
        encoding="utf-8",
    )
    engine = load_engine(tmp_path / "c")
    assert engine.problems == []
    after = engine.matcher.ask(question)
    assert after.answered and after.section_id == "3.1.2"


def test_faq_answer_of_its_own(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "c")
    (tmp_path / "c" / "faq.yaml").write_text(
        "- question: Quand a lieu l'examen final ?\n"
        "  answer: Le 12 juin, en salle B204.\n",
        encoding="utf-8",
    )
    answer = load_engine(tmp_path / "c").matcher.ask("c'est quand l'examen final ?")
    assert answer.answered and answer.own_answer
    assert answer.short == "Le 12 juin, en salle B204."


def test_synonym_file_takes_effect(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "c")
    (tmp_path / "c" / "synonyms.yaml").unlink()
    question = "what is a container"
    assert load_engine(tmp_path / "c").matcher.ask(question).outcome == "abstain"
    (tmp_path / "c" / "synonyms.yaml").write_text("- [conteneur, container]\n", "utf-8")
    answer = load_engine(tmp_path / "c").matcher.ask(question)
    assert answer.answered and answer.section_id == "3.1.3"


def test_results_are_deterministic(bundled_engine):
    questions = ["image vs conteneur", "instance ?", "un conteneur c'est quoi", "xyz"]
    first = [bundled_engine.matcher.ask(q) for q in questions]
    again = load_engine(CONTENT)
    assert [again.matcher.ask(q) for q in questions] == first


def test_another_course_with_no_synonyms_file():
    course = load_course(GIT_COURSE).course
    matcher = Matcher(course)
    answer = matcher.ask("comment créer une branche ?")
    assert answer.answered and answer.module_id == "2.1"
    assert not matcher.ask("comment installer docker ?").answered
    assert matcher.ask("recette des crêpes").outcome == "abstain"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=10_000))
def test_any_unicode_gets_an_answer_object(text):
    answer = _ENGINE.matcher.ask(text)
    assert isinstance(answer, Answer)
    assert answer.outcome in {"answer", "suggest", "abstain", "smalltalk", "empty"}
    assert isinstance(answer.to_json(), dict)


_ENGINE = load_engine(CONTENT)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("bonjour tout le monde, ça va ?", "greeting"),
        ("hello bot, tu vas bien ?", "greeting"),
        ("ptdr t ki", "identity"),
        ("bonne nuit les gens", "bye"),
        ("merci le bot", "thanks"),
        ("bonjour, comment créer une image ?", None),
        ("bonne pratique volume", None),
    ],
)
def test_small_talk_fillers(text, kind):
    assert smalltalk_kind(text) == kind


def test_a_question_can_be_restricted_to_one_module():
    matcher = Matcher(load_course(GIT_COURSE).course)
    free = matcher.ask("comment annuler une modification ?")
    assert free.module_id == "3.1"
    scoped = matcher.ask("comment annuler une modification ?", module_id="1.2")
    assert scoped.module_id in ("1.2", None)
    assert all(ref.module_id == "1.2" for ref in scoped.alternatives)
    assert matcher.ask("comment annuler une modification ?", module_id="9.9").outcome == "abstain"


@pytest.mark.parametrize(
    ("inflected", "base"),
    [
        ("stockées", "stocker"),
        ("stockees", "stocker"),
        ("créée", "créer"),
        ("persistées", "persister"),
    ],
)
def test_feminine_participles_meet_their_verb_with_or_without_accents(inflected, base):
    assert NORMALIZER.concepts(inflected) == NORMALIZER.concepts(base)


def test_everyday_verbs_do_not_stand_for_course_nouns():
    # "ça donne quoi" is not about data ("données"), "d'un coup" is not "couper" (stop).
    assert NORMALIZER.concepts("ça donne quoi d'un coup") == []
    assert NORMALIZER.concepts("données") == NORMALIZER.concepts("data")
    assert NORMALIZER.concepts("couper") == NORMALIZER.concepts("stop")


def test_a_definition_question_gets_the_summary_definition(tmp_path):
    text = (
        "# 5.1 Le stockage\n\nIntroduction au stockage.\n\n"
        "## 5.1.1 Créer un volume\n\nLa commande `docker volume create data` crée un volume.\n\n"
        "## 5.1.2 Lister les volumes\n\nLa commande `docker volume ls` liste chaque volume.\n\n"
        "## 5.1.3 Volumes et montages\n\nUn volume garde les données ; un montage relie un "
        "dossier de l'hôte.\n\n"
        "## Résumé\n\n- **Volumes** : un stockage persistant géré par Docker.\n"
    )
    engine = course_engine(tmp_path, {"5.1-stockage.md": text})
    answer = engine.matcher.ask("c koi un volume")
    assert answer.answered
    assert answer.section_id == "5.1.3"
    assert answer.short == "Volumes : un stockage persistant géré par Docker."


def test_sources_never_show_where_the_server_keeps_its_files(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "moncours")
    engine = load_engine(tmp_path / "moncours")
    answer = engine.matcher.ask("image vs conteneur ?")
    assert answer.source.startswith("moncours/3.1")
    assert str(tmp_path) not in answer.source
    assert all(not ref.source.startswith("/") for ref in answer.related)


def test_a_word_meets_the_option_the_course_writes_as_a_flag(tmp_path):
    text = (
        "# 1.1 Envoyer son travail\n\nEnvoyer ses commits vers le serveur.\n\n"
        "## 1.1.1 Envoyer une branche\n\n`git push origin main` envoie la branche.\n\n"
        "## 1.1.2 Écraser l'historique distant\n\n`git push --force` remplace l'historique "
        "du serveur : à éviter sur une branche partagée.\n"
    )
    engine = course_engine(tmp_path, {"1.1-push.md": text})
    matcher = engine.matcher
    concepts = [c for c, _ in matcher.analyse("push force").concepts]
    assert "--force" in concepts
    assert matcher.ask("git push force c'est dangereux ?").section_id == "1.1.2"


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("branche", "connecter"),
        ("commun", "communiquer"),
        ("temps", "temporaire"),
        ("devez", "développement"),
        ("servi", "serveur"),
        ("terminer", "terminal"),
        ("définitivement", "définir"),
    ],
)
def test_general_synonyms_do_not_swallow_words_of_another_meaning(word, other):
    assert set(NORMALIZER.concepts(word)).isdisjoint(NORMALIZER.concepts(other))


def test_a_section_repeated_in_two_lessons_is_no_rival_to_itself(tmp_path):
    engine = load_engine(two_tagging_lessons(tmp_path / "c"))
    answer = engine.matcher.ask("étiqueter une version")
    assert answer.outcome == "answer"
    assert answer.section_id == "1.1.1"


@pytest.mark.parametrize(
    "question", ["Quelle commande lance un conteneur ?", "which command starts it"]
)
def test_which_command_asks_how_not_about_commands(question):
    concepts = NORMALIZER.concepts(question)
    assert "_how" in concepts
    assert not set(concepts) & set(NORMALIZER.concepts("commande"))


def test_an_elision_typed_without_its_apostrophe_still_finds_the_word(bundled_engine):
    matcher = bundled_engine.matcher
    image = matcher.analyse("l'image").concepts
    assert matcher.analyse("limage").concepts == image
    # Only words the course does not know are cut: "docker" is not "ocker".
    assert matcher.analyse("docker").concepts == matcher.analyse("Docker !").concepts
    answer = matcher.ask("c koi limage docker")
    assert answer.answered and answer.section_id == "3.1.2"


def test_a_typo_between_two_course_words_reads_as_the_more_common_one(tmp_path):
    text = (
        "# 1.1 Le shell\n\nLe mot commando n'a rien à voir.\n\n"
        "## 1.1.1 Lancer une commande\n\nTapez la commande puis Entrée.\n\n"
        "## 1.1.2 Enchaîner\n\nUne commande après une autre commande.\n"
    )
    engine = course_engine(tmp_path, {"1.1-shell.md": text})
    matcher = engine.matcher
    # "commandx" is one letter away from both "commande" and "commando".
    concepts = [c for c, _ in matcher.analyse("commandx").concepts]
    assert concepts == [c for c, _ in matcher.analyse("commande").concepts]


def test_other_leads_are_runners_up_that_are_not_already_offered(tmp_path):
    engine = load_engine(two_tagging_lessons(tmp_path / "c"))
    answer = engine.matcher.ask("étiqueter une version")
    assert answer.section_id == "1.1.1"
    places = [r.section_id for r in answer.other_leads()]
    assert places and places[0] == "2.1.1"
    assert "1.1.1" not in places
    assert not set(places) & {r.section_id for r in answer.related}
    assert engine.matcher.ask("recette des crêpes").other_leads() == ()


@pytest.mark.parametrize(
    "extra",
    ["Bonjour, {q}", "hey {q}", "salut ! {q}", "{q} merci !", "<@123456> {q}", "<@&42> {q}",
     "@everyone {q}", "<:pepe:987654> {q} <#111>", "{q} 2024"],
)
def test_greetings_mentions_and_stray_numbers_change_nothing(bundled_engine, extra):
    plain = bundled_engine.matcher.ask("image vs conteneur ?")
    dressed = bundled_engine.matcher.ask(extra.format(q="image vs conteneur ?"))
    assert dressed.answered, dressed
    assert (dressed.section_id, dressed.module_id, dressed.score) == (
        plain.section_id, plain.module_id, plain.score)


@pytest.mark.parametrize("opener", ["hello, ", "Hello there ", "salut tout le monde ! ",
                                    "hey everyone: "])
def test_a_greeting_opening_a_question_is_not_read_even_when_the_course_uses_its_word(
        tmp_path, opener):
    engine = course_engine(tmp_path, {
        "1.1-premiers.md": "# 1.1 Premiers pas\n\n## 1.1.1 Lancer hello-world\n\n"
                           "L'image hello-world affiche un message de bienvenue.\n\n"
                           "## 1.1.2 Les volumes\n\nUn volume garde les données.\n",
    })
    plain = engine.matcher.ask("what is a volume")
    assert plain.section_id == "1.1.2"
    dressed = engine.matcher.ask(opener + "what is a volume")
    assert (dressed.section_id, dressed.score) == (plain.section_id, plain.score)
    # Joined to the question, the same word is the course's own.
    assert engine.matcher.ask("hello-world c'est quoi").section_id == "1.1.1"
    assert engine.matcher.ask("hello world").section_id == "1.1.1"


SQL_COURSE = {
    "1.1-filtres.md": "# 1.1 Filtrer et regrouper\n\n## 1.1.1 Filtrer les lignes avec WHERE\n\n"
                      "La clause WHERE garde les lignes qui vérifient une condition.\n\n"
                      "## 1.1.2 Filtrer les groupes avec HAVING\n\n"
                      "HAVING filtre les groupes formés par GROUP BY.\n",
    "faq.yaml": "- question: Quand utiliser HAVING ?\n  alternates: [\"having ou where\"]\n"
                "  section: \"1.1.2\"\n",
}


@pytest.mark.parametrize(("question", "section"), [
    ("having", "1.1.2"), ("c koi having", "1.1.2"), ("where", "1.1.1"),
    ("having ou where", "1.1.2"), ("HAVING", "1.1.2")])
def test_a_question_of_stop_words_finds_the_course_word_among_them(tmp_path, question, section):
    # "having" and "where" are English stop words, but the keywords of a SQL course.
    answer = course_engine(tmp_path, SQL_COURSE).matcher.ask(question)
    assert answer.answered and answer.section_id == section, answer


def test_stop_words_the_course_does_not_use_still_say_nothing(tmp_path):
    matcher = course_engine(tmp_path, SQL_COURSE).matcher
    assert matcher.ask("c koi").outcome == "abstain"
    # Beside a real topic, a stop word stays a stop word.
    assert matcher.ask("where sont les groupes").section_id == "1.1.2"


@pytest.mark.parametrize(("question", "section"), [
    ("what is a column", "1.1.1"), ("how to filter rows", "1.1.2"), ("what is a lock", "1.1.3"),
    ("how do I roll back a transaction", "1.1.3")])
def test_everyday_data_words_in_english_meet_a_french_course_with_no_synonyms(
        tmp_path, question, section):
    engine = course_engine(tmp_path, {"1.1-sql.md": (
        "# 1.1 Les bases du SQL\n\n## 1.1.1 Tables et colonnes\n\n"
        "Une table range des données en lignes et en colonnes.\n\n"
        "## 1.1.2 Filtrer les lignes\n\nWHERE garde les lignes utiles.\n\n"
        "## 1.1.3 Transactions et verrous\n\nUn verrou protège une ligne ; ROLLBACK annule "
        "la transaction.\n")})
    answer = engine.matcher.ask(question)
    assert answer.section_id == section and answer.outcome in ("answer", "suggest"), answer


def test_a_number_the_course_uses_still_counts(tmp_path):
    engine = course_engine(tmp_path, {
        "1.1-ports.md": "# 1.1 Les ports\n\n## 1.1.1 Le port 8080\n\nLe port 8080 sert au web.\n\n"
                        "## 1.1.2 Le port 5432\n\nLe port 5432 sert à PostgreSQL.\n",
    })
    assert engine.matcher.ask("port 5432").section_id == "1.1.2"


@pytest.mark.parametrize("text", ["что такое контейнер", "容器是什么", "ما هو الحاوية"])
def test_a_question_in_another_script_abstains_rather_than_reads_as_empty(bundled_engine, text):
    assert bundled_engine.matcher.ask(text).outcome == "abstain"


def test_a_course_word_that_only_lives_in_a_phrase_is_no_correction(tmp_path):
    engine = course_engine(tmp_path, {
        "1.1-cles.md": "# 1.1 Les clés\n\n## 1.1.1 La clé primaire\n\n"
                       "Une clé primaire identifie chaque ligne.\n",
        "synonyms.yaml": "- [clé primaire, primary key, PK]\n",
    })
    answer = engine.matcher.ask("cle primaire")
    assert answer.section_id == "1.1.1" and answer.corrections == ()


def test_words_read_as_other_course_words_are_reported(bundled_engine):
    answer = bundled_engine.matcher.ask("imgae vs contenuer ?")
    assert answer.answered and answer.module_id == "3.1"
    assert answer.corrections == (("imgae", "image"), ("contenuer", "conteneur"))
    assert answer.to_json()["corrections"][0] == {"typed": "imgae", "read": "image"}
    assert bundled_engine.matcher.ask("image vs conteneur ?").corrections == ()
    # Nothing to report when the bot says it cannot answer.
    assert bundled_engine.matcher.ask("recette de la pâte à crêpes").corrections == ()


def test_a_real_word_is_not_read_as_a_course_word_it_resembles(tmp_path):
    engine = course_engine(tmp_path, {
        "1.1-images.md": "# 1.1 Les images\n\n## 1.1.1 Le modèle précédent\n\n"
                         "Reprenez le Dockerfile précédent : il distinguent les couches.\n",
    })
    index = engine.matcher.index
    assert index.correct("president") is None  # a word of its own, not "precedent"
    assert index.correct("precedant") == "precedent"  # a typo
    assert index.correct("distingue") == "distinguent"  # another form of a course word
    assert engine.matcher.ask("qui est le président ?").outcome == "abstain"


def test_an_upper_case_keyword_is_not_dropped_as_a_stop_word(tmp_path):
    engine = course_engine(tmp_path, {
        "1.1-sql.md": "# 1.1 Les requêtes SQL\n\n## 1.1.1 La clause de filtre\n\n"
                      "WHERE ne garde que les lignes qui vérifient la condition.\n\n"
                      "## 1.1.2 La clause de source\n\nFROM désigne la table lue par la requête.\n",
    })
    ask = engine.matcher.ask
    assert ask("à quoi sert WHERE ?").section_id == "1.1.1"
    assert ask("what does FROM do?").section_id == "1.1.2"
    # Shouting is not a keyword: words the course never writes in capitals change nothing.
    assert ask("LA CLAUSE DE FILTRE").score == ask("la clause de filtre").score


@pytest.mark.parametrize("spelling", ["quest ce qu'une", "kest ce qu'une", "keske c'est une"])
def test_informal_spellings_of_what_is_read_like_the_formal_one(bundled_engine, spelling):
    formal = bundled_engine.matcher.ask("qu'est-ce qu'une instance ?")
    informal = bundled_engine.matcher.ask(f"{spelling} instance ?")
    assert informal.answered and informal.section_id == formal.section_id
