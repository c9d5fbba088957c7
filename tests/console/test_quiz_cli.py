"""The quiz as users meet it: ``quiz --json``, ``grade``, ``--export gift``, the interactive
terminal quiz with piped answers (and its spaced review), and ``/quiz`` inside the chat."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys

import pytest

from bot.app.engine import load_engine
from bot.cli.main import main
from bot.console.chat import ChatSession
from bot.console.quiz import TerminalQuiz, attach, make_service, render_summary
from bot.course.loader import load_course
from bot.i18n import t
from bot.quiz.gift import escape
from bot.quiz.grading import grade
from bot.quiz.items import MCQ, TRUE_FALSE, TYPED
from bot.quiz.service import QuizService
from bot.quiz.session import SoloQuiz
from bot.store import Store
from conftest import CONTENT, FIXTURES, GIT_COURSE, LONG_DEFINITIONS, REPO

ITEM_KEYS = {"kind", "prompt", "options", "answer", "accepted", "explanation", "source"}


def _json(capsys, argv: list[str]):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_quiz_json_lists_items_in_the_documented_shape(capsys):
    items = _json(
        capsys, ["quiz", "--json", "--content", str(CONTENT), "3.1", "-n", "4", "--seed", "3"]
    )
    assert len(items) == 4
    for item in items:
        assert set(item) >= ITEM_KEYS
        assert item["kind"] in ("mcq", "true_false", "typed")
        assert item["source"]["module"] == "3.1" and item["source"]["section"]
        assert item["answer"] in item["accepted"] and item["explanation"]
        if item["kind"] == "typed":
            assert item["options"] is None
        else:
            assert item["answer"] in item["options"]
        if item["kind"] == "true_false":
            assert item["options"] == ["Vrai", "Faux"]
    again = _json(
        capsys, ["quiz", "--json", "--content", str(CONTENT), "3.1", "-n", "4", "--seed", "3"]
    )
    assert again == items


def test_quiz_json_with_a_large_n_returns_one_item_per_fact(capsys):
    course = load_course(GIT_COURSE).course
    bank = QuizService(course).items("2.1", random.Random(0))
    items = _json(capsys, ["quiz", "--json", "--content", str(GIT_COURSE), "2.1", "-n", "50"])
    assert sorted(i["key"] for i in items) == sorted({i.key for i in bank})


def test_quiz_json_in_english(capsys):
    items = _json(
        capsys,
        [
            "quiz",
            "--json",
            "--lang",
            "en",
            "--content",
            str(GIT_COURSE),
            "2.2",
            "-n",
            "50",
            "--seed",
            "1",
        ],
    )
    statements = [i for i in items if i["kind"] == "true_false"]
    assert statements and all(i["options"] == ["True", "False"] for i in statements)


@pytest.mark.parametrize("count", ["-5", "-1", "0", "51", "abc"])
@pytest.mark.parametrize("mode", [["--json"], []])
def test_quiz_n_outside_1_to_50_is_a_usage_error(capsys, count, mode):
    with pytest.raises(SystemExit) as stop:
        main(["quiz", *mode, "--content", str(CONTENT), "3.1", "-n", count])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert f"argument -n: Invalid number of questions: {count} (from 1 to 50)." in err
    assert "Traceback" not in err


def test_quiz_unknown_module(capsys):
    assert main(["quiz", "--json", "--content", str(CONTENT), "9.9"]) == 1
    assert "Module inconnu : 9.9. Modules : 3.1." in capsys.readouterr().err


@pytest.mark.parametrize(
    ("expected", "answer", "accepted", "reason"),
    [
        ("immuable", "imuable", True, "typo"),
        ("Image Docker", "l'image docker", True, "normalized"),
        ("immuable", "mutable", False, "different"),
        ("docker push", "docker pull", False, "technical"),
        ("8080", "8081", False, "technical"),
    ],
)
def test_grade_json(capsys, expected, answer, accepted, reason):
    result = _json(capsys, ["grade", "--json", expected, answer])
    assert (result["accepted"], result["reason"]) == (accepted, reason)
    assert result == {**grade(expected, answer).to_json(), "message": result["message"]}
    assert result["message"]


def test_grade_text_speaks_one_language(capsys):
    assert main(["grade", "immuable", "imuable"]) == 0
    out = capsys.readouterr().out
    assert out == "Accepté malgré une faute de frappe : la réponse s'écrit « immuable ».\n"
    assert main(["grade", "--lang", "en", "immuable", "imuable"]) == 0
    assert capsys.readouterr().out == "Accepted despite a typo: the answer is spelt “immuable”.\n"


def test_grade_takes_answers_that_look_like_options(capsys):
    # After "--", "-d" is an answer to grade, not an option of grade; --help says so.
    assert _json(capsys, ["grade", "--json", "--", "-d", "-d"])["accepted"]
    assert _json(capsys, ["grade", "--json", "--", "-d", "--detach"])["reason"] == "different"
    with pytest.raises(SystemExit):
        main(["grade", "--help"])
    assert "grade -- -d --detach" in capsys.readouterr().out


def test_gift_escapes_special_characters():
    assert escape("a~b=c#d{e}f:g\\h\nnext") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\nnext"


def test_export_gift(capsys):
    assert main(["quiz", "--export", "gift", "--content", str(CONTENT), "3.1"]) == 0
    out = capsys.readouterr().out
    blocks = out.strip().split("\n\n")
    assert blocks[0] == "$CATEGORY: coursebot/3.1"
    bank = QuizService.from_content(CONTENT, load_course(CONTENT).course)[0].items(
        "3.1", random.Random(0)
    )
    assert len(blocks) - 1 == len(bank)
    # The hand-written multiple choice: its colon escaped, the right option marked with =.
    assert "=Rien \\: l'image est immuable, le conteneur travaille dans son propre espace" in out
    assert "{TRUE####Comme une chanson" in out  # a true/false with its explanation
    assert "=immuable\n=inaltérable\n=invariable\n####" in out  # a short answer
    for block in blocks[1:]:
        title, _, rest = block.split("\n", 1)[1].partition("::")[2].partition("::")
        question = rest.rsplit(" {", 1)[0]
        for char in "~=#{}":  # every special character in a question is escaped
            assert question.count(char) == question.count("\\" + char), block


def test_export_without_a_module_exports_every_module_one_category_each(capsys):
    content = str(FIXTURES / "course-sql")
    assert main(["quiz", "--export", "gift", "--content", content]) == 0
    out, err = capsys.readouterr()
    categories = [line for line in out.splitlines() if line.startswith("$CATEGORY: ")]
    assert categories == [f"$CATEGORY: coursebot/{m}"
                          for m in ("1.1", "1.2", "2.1", "2.2", "3.1", "3.2")]
    # Each module's questions under its own category, numbered from 1 again.
    assert out.count("::coursebot/2.1 001::") == 1 and out.count("::coursebot/3.2 001::") == 1
    assert err == ""


def test_export_of_a_module_with_no_item_warns_and_fails(tmp_path, capsys):
    (tmp_path / "1.1-plein.md").write_text(
        "# 1.1 Un module\n\nIntro.\n\n## 1.1.1 Section\n\nTexte.\n\n## Résumé\n\n"
        "- **Notion** : une idée du cours.\n- **Autre notion** : une autre idée.\n",
        encoding="utf-8")
    (tmp_path / "4.1-vide.md").write_text("# 4.1 Un module vide\n\nRien.\n", encoding="utf-8")
    assert main(["quiz", "--export", "gift", "--content", str(tmp_path), "4.1"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "Aucune question disponible" in err and "Modules avec des questions : 1.1" in err
    # The whole course: the empty module is named and left out, the other exported.
    assert main(["quiz", "--export", "gift", "--content", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert "$CATEGORY: coursebot/1.1" in out and "coursebot/4.1" not in out
    assert "Module 4.1 : aucune question à exporter" in err


def test_an_export_never_cuts_an_option(capsys):
    content = str(LONG_DEFINITIONS)
    whole = load_course(LONG_DEFINITIONS).course.module("4.1").summary
    long = max((b.definition or "" for b in whole), key=len)
    assert len(long) > 160  # longer than an option shown in a quiz
    # In a quiz the option is cut (a seed whose draw offers it as an option: without one,
    # a draw of only typed items would show no option at all)...
    assert main(["quiz", "--json", "--content", content, "4.1", "-n", "50", "--seed", "0"]) == 0
    assert "…" in capsys.readouterr().out
    # ...in the export every option, prompt and answer is whole.
    assert main(["quiz", "--export", "gift", "--content", content, "4.1"]) == 0
    out = capsys.readouterr().out
    assert "…" not in out
    assert escape(long.rstrip(".")) in out


def _run(args: list[str], stdin: str, cwd) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_interactive_terminal_quiz_and_its_review(tmp_path):
    database = tmp_path / "quiz.sqlite3"
    common = ["--content", str(CONTENT), "--user", "zoe", "--db", str(database)]
    planned = json.loads(
        _run(
            ["quiz", "--json", "--content", str(CONTENT), "3.1", "-n", "3", "--seed", "5"],
            "",
            tmp_path,
        ).stdout
    )
    missed = planned[0]
    wrong_first = (
        "une réponse fausse"
        if missed["options"] is None
        else next(o for o in missed["options"] if o != missed["answer"])
    )
    answers = [wrong_first, planned[1]["answer"], planned[2]["answer"]]
    run = _run(
        ["quiz", "3.1", "-n", "3", "--seed", "5", *common], "\n".join(answers) + "\n", tmp_path
    )
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "Question 1/3" in out and "Question 3/3" in out
    assert "Score : 2/3" in out and "Sections à revoir :" in out
    assert f"[{missed['source']['section']}]" in out.split("Sections à revoir :")[1]
    # The next step names the terminal's review quiz.
    assert t("quiz_next_review", "fr", command="python -m bot quiz") in out
    with sqlite3.connect(database) as conn:
        rows = conn.execute("SELECT user_id, correct FROM attempts ORDER BY id").fetchall()
    assert rows == [("zoe", 0), ("zoe", 1), ("zoe", 1)]
    # A review quiz (no module) starts with the missed fact, then stops at end of input.
    review = _run(["quiz", "-n", "2", "--seed", "8", *common], "", tmp_path)
    assert review.returncode == 0, review.stderr
    store = Store(database)
    course = load_course(CONTENT).course
    service = QuizService.from_content(CONTENT, course, store)[0]
    expected = service.build(None, n=2, seed=8, player_id="zoe")
    store.close()
    assert expected[0].key == missed["key"]
    assert review.stdout.split("Question 1/2\n", 1)[1].startswith(expected[0].prompt)
    assert t("quiz_summary_none", "fr") in review.stdout  # no "Score : 0/0"
    assert "Score" not in review.stdout


def test_the_terminal_reveals_a_shortened_option_whole(tmp_path):
    content = str(LONG_DEFINITIONS)
    for seed in range(20):  # a seed whose quiz asks for the long definition
        planned = json.loads(
            _run(
                ["quiz", "--json", "--content", content, "4.1", "--seed", str(seed)], "", tmp_path
            ).stdout
        )
        cut = next((i for i in planned if i["kind"] == "mcq" and i["answer"].endswith("…")), None)
        if cut:
            break
    assert cut, "no quiz asks for the long definition"
    wrong = [next(o for o in i["options"] or ["?"] if o != i["answer"]) for i in planned]
    args = ["quiz", "--content", content, "4.1", "--seed", str(seed), "--db", "q.db"]
    run = _run(args, "\n".join(wrong) + "\n", tmp_path)
    assert run.returncode == 0, run.stderr
    letter = "ABCD"[cut["options"].index(cut["answer"])]
    whole = cut["answer"].removesuffix("…").rstrip()
    shown = t("quiz_expected", "fr", answer=f"{letter}. {whole}")
    reveal = next(line for line in run.stdout.splitlines() if line.startswith(shown))
    assert reveal.endswith("appropriées pour les données.")


def test_a_terminal_quiz_longer_than_the_facts_says_it_is_shorter(tmp_path):
    run = _run(["quiz", "--content", str(CONTENT), "3.1", "-n", "9", "--db", "q.db"], "", tmp_path)
    assert run.returncode == 0, run.stderr
    intro = run.stdout.splitlines()
    assert "5 questions" in intro[0]
    assert intro[1] == t("quiz_shorter", "fr", count=5, asked=9)
    assert "Question 1/5" in run.stdout


def test_interactive_quiz_warns_when_progress_cannot_be_saved(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    run = _run(
        [
            "quiz",
            "--content",
            str(CONTENT),
            "3.1",
            "-n",
            "1",
            "--seed",
            "2",
            "--db",
            str(blocker / "db.sqlite3"),
        ],
        "a\n",
        tmp_path,
    )
    assert run.returncode == 0
    assert "cannot open the database" in run.stderr
    assert "progression ne peut pas être enregistrée" in run.stdout


def _chat(tmp_path, lines: list[str]) -> tuple[str, ChatSession, Store]:
    engine = load_engine(CONTENT)
    out = io.StringIO()
    session = ChatSession(engine, out=out)
    store = Store(tmp_path / "chat.sqlite3")
    service, problems = make_service(engine.content_dir, engine.course, store.path, "fr")
    assert problems == []
    attach(session, service, "yann")
    for line in lines:
        session.handle(line)
    return out.getvalue(), session, service.store


def test_quiz_inside_the_chat_reads_the_next_lines_as_answers(tmp_path):
    out, session, store = _chat(tmp_path, ["/quiz 3.1 2", "z", "/passer", "/passer"])
    assert "Quiz du module 3.1" in out and "Question 1/2" in out and "Question 2/2" in out
    assert "Répondez par" in out or "Refusé" in out  # "z" is answered or re-asked
    assert "Score :" in out and "Sections à revoir :" in out
    assert session.line_handler is None  # the quiz ended: lines are questions again
    assert len(store.export_user("yann")["attempts"]) >= 2


def test_chat_lines_after_a_quiz_are_questions_again(tmp_path):
    out, session, _ = _chat(tmp_path, ["/quiz 3.1 1", "/stop", "/modules"])
    assert "Quiz arrêté." in out
    assert out.rstrip().endswith(
        "3.1    Quelle est la différence entre un conteneur Docker et une image Docker ?"
    )
    assert session.running


def test_a_chat_command_inside_a_quiz_runs_and_the_quiz_goes_on(tmp_path):
    out, session, _ = _chat(tmp_path, ["/quiz 3.1 3", "/var/lib/docker", "/modules"])
    assert "Refusé" in out or "Répondez par" in out  # a path is an answer
    assert "3.1    Quelle est la différence" in out  # /modules ran...
    assert "Score :" not in out and session.line_handler  # ...and the quiz goes on
    after = out[out.index("3.1    Quelle est la différence"):]
    assert "\nQuestion " in after  # its question asked again


def test_another_quiz_inside_a_quiz_ends_the_first(tmp_path):
    out, session, _ = _chat(tmp_path, ["/quiz 3.1 3", "/quiz 3.1 1"])
    assert "Score :" in out or t("quiz_summary_none", "fr") in out
    assert out.count("Quiz du module 3.1") == 2 and session.line_handler


def test_quit_inside_a_chat_quiz_ends_both(tmp_path):
    out, session, _ = _chat(tmp_path, ["/quiz", "/quit"])
    assert "Quiz de révision" in out and t("quiz_summary_none", "fr") in out
    assert not session.running


@pytest.mark.parametrize("count", ["-3", "abc", "0", "51"])
def test_chat_quiz_refuses_a_bad_number_of_questions(tmp_path, count):
    out, session, _ = _chat(tmp_path, [f"/quiz 3.1 {count}"])
    assert out.strip() == f"Nombre de questions invalide : {count} (de 1 à 50)."
    assert session.line_handler is None  # no quiz started
    session.handle("/lang en")
    session.handle(f"/quiz 3.1 {count}")
    assert f"Invalid number of questions: {count} (from 1 to 50)." in session.out.getvalue()


def test_chat_quiz_unknown_module(tmp_path):
    out, session, _ = _chat(tmp_path, ["/quiz 7.7"])
    assert "Module inconnu : 7.7" in out and session.line_handler is None


def test_make_chat_quiz_saves_to_the_configured_database(tmp_path):
    # As `make chat` runs it: --content naming the configured folder, content/.
    shutil.copytree(CONTENT, tmp_path / "content")
    run = _run(["chat", "--content", "content"], "/quiz 3.1 1\n/passer\n", tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Question 1/1" in run.stdout and "Score : 0/1" in run.stdout
    assert (tmp_path / "data" / "coursebot.sqlite3").is_file()  # the default database


def test_a_seed_gives_the_same_quiz_in_every_process(tmp_path):
    args = ["quiz", "--json", "--content", str(GIT_COURSE), "-n", "12", "--seed", "9"]
    outputs = set()
    for hash_seed in ("1", "2"):  # set and dict orders must not leak into the draw
        env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": hash_seed}
        run = subprocess.run(
            [sys.executable, "-m", "bot", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr
        outputs.add(run.stdout)
    assert len(outputs) == 1


def test_grade_accepts_what_a_quiz_on_the_content_accepts(capsys, tmp_path):
    assert _json(capsys, ["grade", "--json", "conteneur", "container"])["accepted"]
    assert _json(capsys, ["grade", "--json", "Conteneur Docker", "container docker"])["accepted"]
    # Never inside a command, and not without the course's synonyms.
    assert not _json(capsys, ["grade", "--json", "docker-compose up", "compose up"])["accepted"]
    bare = ["grade", "--json", "--content", str(tmp_path), "conteneur", "container"]
    assert not _json(capsys, bare)["accepted"]
    # A kind word before a technical token may be left out, but the token is exact.
    file = ["grade", "--json", "--", "fichier docker-compose.yaml"]
    assert _json(capsys, [*file, "docker-compose.yaml"])["accepted"]
    assert not _json(capsys, [*file, "docker-compose.yml"])["accepted"]


def _course(folder, modules: dict[str, str], synonyms: str):
    folder.mkdir()
    for name, text in modules.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "synonyms.yaml").write_text(synonyms, encoding="utf-8")
    return str(folder)


def test_grade_uses_the_courses_vocabulary(capsys, tmp_path):
    docker = _course(
        tmp_path / "docker",
        {
            "1.1.md": "# 1.1 Les images Docker\n\n## Résumé\n\n"
            "- **Image Docker** : le modèle immuable d'un conteneur.\n"
            "- **Conteneur Docker** : une instance d'une image qui tourne.\n",
            "1.2.md": "# 1.2 Le stockage avec Docker\n\n## Résumé\n\n"
            "- **Bind Mounts** : un dossier de l'hôte monté dans le conteneur.\n"
            "- **Tmpfs Mounts** : un montage en mémoire.\n",
            "1.3.md": "# 1.3 Partager avec Docker Hub\n\n## Résumé\n\n"
            "- **Docker Hub** : le registre public.\n"
            "- **Docker Compose** : lance plusieurs conteneurs.\n",
        },
        "groups:\n  - [conteneur, container]\n",
    )

    def graded(expected, answer):
        return _json(capsys, ["grade", "--json", "--content", docker, expected, answer])

    for expected, answer in [
        ("Conteneur Docker", "un conteneur"),
        ("Conteneur Docker", "container"),
        ("Image Docker", "docker image"),
        ("Tmpfs Mounts", "tmpfs"),
    ]:
        assert graded(expected, answer)["reason"] == "distinctive", (expected, answer)
    assert graded("Docker Hub", "docker")["reason"] == "incomplete"
    assert graded("Docker Hub", "compose")["reason"] == "different"
    assert graded("Bind Mounts", "tmpfs")["reason"] == "different"
    assert main(["grade", "--content", docker, "Docker Hub", "docker"]) == 0
    out = capsys.readouterr().out
    assert out == "Refusé : « docker » ne suffit pas ; la réponse attendue était « Docker Hub ».\n"


def test_grade_accepts_synonyms_in_capitals_and_says_so(capsys, tmp_path):
    sql = _course(
        tmp_path / "sql",
        {"1.1.md": "# 1.1 Les bases\n\n## Résumé\n\n- **SGBD** : le logiciel des données.\n"},
        "groups:\n  - [sgbd, dbms, rdbms]\n  - [jointure, join, joins]\n",
    )
    result = _json(capsys, ["grade", "--json", "--content", sql, "SGBD", "DBMS"])
    assert (result["accepted"], result["reason"], result["matched"]) == (True, "synonym", "dbms")
    assert result["message"] == "Accepté : d'après le cours, « DBMS » est un synonyme de « SGBD »."
    typo = _json(capsys, ["grade", "--json", "--content", sql, "INNER JOIN", "innner join"])
    assert (typo["reason"], typo["matched"]) == ("typo", "INNER JOIN")
    assert "inner joins" not in typo["message"]


def test_grade_refuses_a_missing_content_folder(tmp_path, capsys):
    # Graded without the course's synonyms, a typo in --content would reject what a quiz accepts.
    assert main(["grade", "--content", str(tmp_path / "nope"), "conteneur", "container"]) == 2
    assert f"--content: content folder not found: {tmp_path / 'nope'}" in capsys.readouterr().err


def test_the_terminal_asks_again_with_how_to_answer():
    course = load_course(CONTENT).course
    service = QuizService.from_content(CONTENT, course)[0]
    items = service.items("3.1", random.Random(0))
    typed = next(item for item in items if item.kind == TYPED)
    statement = next(item for item in items if item.kind == TRUE_FALSE)
    choice = next(item for item in items if item.kind == MCQ)
    driver = TerminalQuiz(service, SoloQuiz([typed, statement, choice], "zoe"), "fr")
    driver.opening()
    for reply in ("", "?", "aide", "/aide", "🐳"):
        assert driver.feed(reply) == t("quiz_typed_help", "fr")
    shown = driver.feed("je sais pas")  # a pass: the answer, then the next question
    assert t("quiz_skipped", "fr") in shown and "Question 2/3" in shown
    assert driver.feed("peut-être") == t("quiz_invalid_true_false", "fr")
    assert "Question 3/3" in driver.feed("vrai")
    assert driver.feed("?") == t("quiz_invalid_choice", "fr", last="D")


def test_help_inside_a_chat_quiz_keeps_the_quiz_going(tmp_path):
    out, session, store = _chat(tmp_path, ["/quiz 3.1 2", "/aide"])
    assert "Répondez par" in out or t("quiz_typed_help", "fr") in out
    assert session.line_handler is not None and t("chat_help", "fr") not in out
    assert store.export_user("yann")["attempts"] == []


def _typed_items() -> list:
    """Three typed items of the bundled module."""
    service = QuizService.from_content(CONTENT, load_course(CONTENT).course)[0]
    return [i for i in service.items("3.1", random.Random(0)) if i.kind == TYPED][:3]


def _summary(answers: list[str | None], module: str | None = "3.1") -> str:
    """The chat summary of a quiz on :func:`_typed_items` given those answers (None: stopped
    there)."""
    items = _typed_items()
    quiz = SoloQuiz(items, "zoe", module_id=module)
    quiz.start()
    for number, reply in enumerate(answers):
        if reply is None:
            break
        quiz.answer(reply)
        if number < len(items) - 1:
            quiz.next()
    return render_summary(quiz.finish(), "fr")


def test_a_quiz_ends_with_an_honest_score_and_the_next_step():
    right = [item.answer for item in _typed_items()]
    # Stopped after one right answer: no "bravo", the score says of how many, and how to go on.
    early = _summary([right[0], None])
    assert early.startswith("Score : 1/1 (1 question sur 3), en ")
    assert t("quiz_nothing_to_review", "fr") not in early
    assert early.endswith(t("quiz_next_more", "fr", command="/quiz 3.1"))
    # A miss: the sections to reread, then the review quiz that brings it back first.
    missed = _summary(["rien", *right[1:]])
    assert missed.startswith("Score : 2/3, en ")
    assert missed.endswith(t("quiz_next_review", "fr", command="/quiz"))
    # All right: nothing to review.
    assert _summary(right).endswith(t("quiz_nothing_to_review", "fr"))
    # Stopped before any answer: no "Score : 0/0".
    assert _summary([None]) == "\n".join(
        [t("quiz_summary_none", "fr"), t("quiz_next_more", "fr", command="/quiz 3.1")]
    )
    assert _summary([None], module=None).endswith(t("quiz_next_more", "fr", command="/quiz"))
