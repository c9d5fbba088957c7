"""`ask` and `chat` as a user runs them: stdin in, one answer per line out, same answers."""

import json
import subprocess
import sys

import pytest

from bot.app.unanswered import unanswered_groups
from conftest import REPO


@pytest.fixture(autouse=True)
def own_database(tmp_path, monkeypatch):
    """The chat keeps questions for TAs: in a database of the test's own, never the
    repository's ``data/``."""
    config = tmp_path / "config.yaml"
    config.write_text(f"database: {json.dumps(str(tmp_path / 'bot.sqlite3'))}\n", "utf-8")
    monkeypatch.setenv("COURSEBOT_CONFIG", str(config))
    return tmp_path / "bot.sqlite3"

QUESTIONS = [
    "image vs conteneur ?",
    "",
    "recette de la pâte à crêpes",
    "@everyone c'est quoi une instance ?",
    "```rm -rf /``` 🐳 ||spoiler|| [lien](https://evil.example)",
    "x" * 5000,
    "bonjour",
]


def run(args, stdin=""):
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_ask_json_reads_stdin_and_writes_one_object_per_line():
    result = run(["ask", "--json"], "\n".join(QUESTIONS) + "\n")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(QUESTIONS)
    answers = [json.loads(line) for line in lines]
    assert [a["question"] for a in answers] == QUESTIONS
    first = answers[0]
    assert set(first) >= {"question", "answered", "outcome", "module", "section", "section_id",
                          "score", "answer", "source", "alternatives"}
    assert first["answered"] is True and first["module"] == "3.1"
    assert isinstance(first["score"], float) and 0 <= first["score"] <= 100
    assert first["source"].startswith("content/3.1-conteneur-vs-image-docker.md:")
    assert answers[2]["answered"] is False and answers[2]["outcome"] == "abstain"
    assert answers[3]["module"] == "3.1"


def test_ask_plain_text_one_line_per_answer():
    result = run(["ask"], "\n".join(QUESTIONS) + "\n")
    lines = result.stdout.splitlines()
    assert len(lines) == len(QUESTIONS)
    assert "[3.1" in lines[0]
    assert "Je ne trouve pas la réponse dans le cours" in lines[2]


def test_ask_with_a_question_argument():
    result = run(["ask", "--json", "imgae", "vs", "conteneure"])
    answer = json.loads(result.stdout)
    assert answer["question"] == "imgae vs conteneure" and answer["module"] == "3.1"


def test_chat_gives_the_same_answers_as_ask():
    question = "qu'est-ce qu'une instance ?"
    asked = json.loads(run(["ask", "--json", question]).stdout)
    chat = run(["chat"], question + "\n/modules\n/section 3.1.2\n/nope\n")
    assert chat.returncode == 0, chat.stderr
    assert asked["answer"] in chat.stdout
    assert asked["source"] in chat.stdout
    assert "3.1    Quelle est la différence" in chat.stdout
    assert "Une image Docker est comparable" in chat.stdout
    assert "Commande inconnue : /nope" in chat.stdout


def test_chat_in_english(own_database):
    chat = run(["chat", "--lang", "en"], "recette de crêpes\n/unanswered\n")
    assert "I can't find the answer in the course" in chat.stdout
    # Kept for the TAs, in the configured database, and listed back by /unanswered.
    assert "Unanswered questions (1)" in chat.stdout
    assert own_database.is_file()


HOSTILE = [
    "",
    "   \t  ",
    "q" * 5000,
    "🐳🔥💯🤖",
    "ima\u200bge\u200d vs con\u200cteneur",
    "\u202eruenetnoc sv egami\u202c",
    "ما هو الحاوية؟ image",
    "```python\nprint('hi')\n```",
    "||spoiler|| [clique](https://evil.example) **gras**",
    "@everyone @here <@&123456789> <@42> image ?",
    "'; DROP TABLE attempts; --",
    "\x00\x01\x02 binaire",
    "Ｉｍａｇｅ ｖｓ ｃｏｎｔｅｎｅｕｒ",
]


def test_hostile_questions_get_one_sane_answer_each():
    result = run(["ask", "--json"], "\n".join(q.replace("\n", " ") for q in HOSTILE) + "\n")
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == len(HOSTILE)
    assert all(a["outcome"] in {"answer", "suggest", "abstain", "smalltalk", "empty"}
               for a in answers)
    assert answers[4]["answered"]  # zero-width characters do not hide the words
    assert answers[12]["answered"]  # full-width letters are folded
    assert answers[0]["outcome"] == answers[1]["outcome"] == "empty"


def test_invisible_characters_are_folded_away():
    from bot.text.normalise import words

    assert words("ima\u200bge\u200d vs con\u200cteneur") == ["image", "vs", "conteneur"]
    assert words("Ｉｍａｇｅ") == ["image"]


def test_chat_records_unanswered_questions_for_tas(tmp_path):
    import io

    from bot.app.engine import load_engine
    from bot.console.chat import ChatSession
    from bot.store import Store

    store = Store(tmp_path / "bot.sqlite3")
    out = io.StringIO()
    session = ChatSession(load_engine(REPO / "content"), out=out, store=store, user_id="ana")
    for line in ["recette des crêpes", "recette de crepes ?", "image vs conteneur ?"]:
        session.handle(line)
    groups = unanswered_groups(store)
    # Similar questions grouped, the answered one not kept; one student's two phrasings are
    # one question, both phrasings shown.
    assert len(groups) == 1 and groups[0].count == 1 and len(groups[0].examples) == 2


def test_chat_says_once_when_progress_cannot_be_saved(tmp_path):
    import io

    from bot.app.engine import load_engine
    from bot.console.chat import ChatSession
    from bot.store import Store

    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    store = Store(blocker / "bot.sqlite3")
    assert store.problem
    out = io.StringIO()
    session = ChatSession(load_engine(REPO / "content"), out=out, store=store)
    session.handle("recette des crêpes")
    session.handle("météo de demain")
    text = out.getvalue()
    assert text.count("la base de données est indisponible") == 1
    assert text.count("Je ne trouve pas la réponse") == 2


def test_ask_uses_the_configured_thresholds(tmp_path):
    question = "image vs conteneur ?"
    assert json.loads(run(["ask", "--json", question]).stdout)["answered"]
    config = tmp_path / "strict.yaml"
    config.write_text("answer:\n  answer_score: 99.5\n  suggest_score: 99\n", encoding="utf-8")
    strict = json.loads(run(["--config", str(config), "ask", "--json", question]).stdout)
    assert strict["outcome"] == "abstain"


def test_the_chat_names_other_leads_beside_a_confident_answer(tmp_path):
    import io

    from bot.app.engine import load_engine
    from bot.console.chat import ChatSession
    from conftest import two_tagging_lessons

    out = io.StringIO()
    session = ChatSession(load_engine(two_tagging_lessons(tmp_path / "c")), out=out)
    session.handle("étiqueter une version")
    lines = out.getvalue().splitlines()
    assert lines[0] == "» Comment étiqueter une version ?"
    assert "Autres pistes : [2.1.1] Comment étiqueter une version ?" in lines


def test_ask_on_content_outside_the_working_directory_hides_the_server_path(tmp_path):
    import shutil

    shutil.copytree(REPO / "content", tmp_path / "moncours")
    result = run(["ask", "--json", "--content", str(tmp_path / "moncours"), "image vs conteneur ?"])
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["source"].startswith("moncours/3.1")
    assert str(tmp_path) not in result.stdout


def test_a_tas_own_faq_answer_reads_as_the_faq_in_ask_and_chat(tmp_path):
    import shutil

    folder = tmp_path / "cours"
    shutil.copytree(REPO / "content", folder)
    (folder / "faq.yaml").write_text(
        "- question: Quand a lieu l'examen final ?\n"
        "  answer: Le 12 juin, en salle B204. Apportez votre carte.\n"
        "- question: Quand a lieu l'examen blanc ?\n"
        "  answer: Le 2 juin, en ligne.\n",
        encoding="utf-8",
    )
    line = run(["ask", "--content", str(folder), "c'est quand l'examen final ?"])
    assert line.returncode == 0, line.stderr
    assert "[FAQ] Quand a lieu l'examen final ?" in line.stdout
    chat = run(["chat", "--content", str(folder)], "c'est quand l'examen final ?\n")
    assert "None" not in chat.stdout and "None" not in line.stdout
    assert chat.stdout.count("Le 12 juin, en salle B204.") == 1
    assert "Source : FAQ du cours (cours/faq.yaml:1)" in chat.stdout
    # The other FAQ entry is an alternative: it has no module, so null.
    answer = json.loads(run(["ask", "--json", "--content", str(folder), "examen final"]).stdout)
    modules = [alt["module_id"] for alt in answer["alternatives"]]
    assert None in modules and "" not in modules


def test_a_missing_content_folder_is_an_error_not_an_i_dont_know(tmp_path):
    for command in (["ask", "image vs conteneur ?"], ["chat"]):
        result = run([command[0], "--content", str(tmp_path / "nope"), *command[1:]])
        assert result.returncode == 2
        assert f"content folder not found: {tmp_path / 'nope'}" in result.stderr
        assert "Je ne trouve pas" not in result.stdout
    config = tmp_path / "config.yaml"
    config.write_text(f"content_dir: {tmp_path / 'nope'}\n", encoding="utf-8")
    result = run(["--config", str(config), "ask", "image ?"])
    assert result.returncode == 2 and "content_dir: content folder not found" in result.stderr


def test_chat_commands_without_or_with_a_wrong_argument_say_how_to_use_them():
    chat = run(["chat"], "/module\n/section\n/lang de\n/section 3.1\n/lang en\n/module\n")
    out = chat.stdout
    assert "Usage : /module ID" in out and "Usage : /section ID" in out
    assert "Langue non prise en charge : de (fr ou en)." in out
    assert "Identifiant inconnu" not in out
    # A module id given to /section shows the module, introduction included.
    assert "introduisons d'abord le concept d'instance" in out
    assert "Language: English." in out and "Usage: /module ID" in out


def test_help_asked_in_words_gets_the_help_not_i_dont_know():
    chat = run(["chat"], "aide\n")
    assert "Commandes : /modules" in chat.stdout
    assert "Je ne trouve pas" not in chat.stdout
    asked = run(["ask"], "help\n")
    assert "python -m bot modules" in asked.stdout and "python -m bot quiz" in asked.stdout


def test_the_chat_says_which_words_it_read_as_others():
    chat = run(["chat"], "imgae vs conteneur ?\n")
    assert "Compris : imgae → image" in chat.stdout
    english = run(["chat", "--lang", "en"], "imgae vs conteneur ?\n")
    assert "Read as: imgae → image" in english.stdout


STOP_LESSON = (
    "# 1.1 Gérer ses services\n\n## 1.1.1 Arrêter un service\n\n"
    "Pour arrêter un service, utilisez svcctl stop suivi de son nom :\n\n"
    "```bash\nsvcctl stop [NOM]\n```\n\nCela arrête le service indiqué.\n"
)


def test_an_answer_made_of_the_sections_opening_says_it_once_with_its_command(tmp_path):
    import io

    from bot.app.engine import load_engine
    from bot.console.chat import ChatSession

    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "1.1-services.md").write_text(STOP_LESSON, encoding="utf-8")
    out = io.StringIO()
    ChatSession(load_engine(folder), out=out).handle("comment arrêter un service ?")
    shown = out.getvalue()
    assert shown.count("Pour arrêter un service") == 1
    assert "svcctl stop [NOM]" in shown


@pytest.mark.parametrize("command", [["modules"], ["show", "3.1"], ["quiz", "3.1"], ["quiz"],
                                     ["quiz", "--json"]])
def test_every_command_that_serves_content_refuses_a_missing_folder(tmp_path, command):
    result = run([*command, "--content", str(tmp_path / "nope")])
    assert result.returncode == 2, result.stdout
    assert f"--content: content folder not found: {tmp_path / 'nope'}" in result.stderr


def test_check_reports_a_missing_folder_as_a_problem(tmp_path):
    result = run(["check", "--content", str(tmp_path / "nope")])
    assert result.returncode == 1
    assert f"{tmp_path / 'nope'}: content folder not found" in result.stdout


def test_ask_as_a_student_types_it_greeting_empty_or_stop_words(tmp_path):
    course = tmp_path / "sql"
    course.mkdir()
    (course / "1.1-sql.md").write_text(
        "# 1.1 Le SQL\n\n## 1.1.1 Filtrer les groupes avec HAVING\n\nHAVING filtre les "
        "groupes.\n\n## 1.1.2 Qu'est-ce qu'un hello-world ?\n\nUne requête hello-world.\n\n"
        "## 1.1.3 Les verrous\n\nUn verrou protège une ligne.\n", encoding="utf-8")
    out = run(["ask", "--json", "--content", str(course)],
              "\nc koi having\nhello, what is a lock\nwhat is a lock\n").stdout.splitlines()
    empty, having, lock, plain = (json.loads(line) for line in out)
    assert empty["outcome"] == "empty"
    assert run(["ask", "--content", str(course)], "\n").stdout.strip() == (
        "Posez-moi une question sur le cours, par exemple : « Qu'est-ce qu'un hello-world ? ».")
    assert having["section_id"] == "1.1.1"
    # "hello" greets, though the course says hello-world; "lock" is "verrou".
    assert (lock["section_id"], lock["score"]) == ("1.1.3", plain["score"])


def test_a_config_file_elsewhere_serves_its_own_content(tmp_path):
    project = tmp_path / "proj"
    (project / "course").mkdir(parents=True)
    (project / "course" / "1.1-git.md").write_text(
        "# 1.1 Git\n\n## 1.1.1 Créer une branche\n\ngit branch crée une branche.\n",
        encoding="utf-8")
    (project / "config.yaml").write_text("content_dir: course\ndatabase: db/bot.sqlite3\n",
                                         encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--config", "../proj/config.yaml", "chat"],
        cwd=elsewhere, input="comment creer une branche ?\nkubernetes ?\n",
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Créer une branche" in result.stdout
    assert (project / "db" / "bot.sqlite3").is_file()  # the unanswered one went there
    assert not (elsewhere / "db").exists()
