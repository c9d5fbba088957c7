"""A TA reads what the bot could not answer well, from the terminal and in the chat."""

import io
import json

from bot.app.engine import load_engine
from bot.cli.main import main
from bot.console.chat import ChatSession
from bot.store import Store
from conftest import CONTENT


def _database(tmp_path):
    database = tmp_path / "bot.sqlite3"
    store = Store(database)
    store.record_question("c quoi kubernetes ?", "abstain", 3.0, None, None, "ana", None)
    store.record_question("kubernetes c quoi", "abstain", 2.0, None, None, "bob", None)
    store.record_question("le truc des playlists", "suggest", 18.0, "3.1", "3.1.2", "ana", 7)
    store.record_feedback("image ?", "3.1.2", False, "ana", None)
    store.record_feedback("image ?", "3.1.2", True, "bob", None)  # helpful: not listed
    store.close()
    return database


def test_the_list_groups_similar_questions_most_frequent_first(tmp_path, capsys):
    database = _database(tmp_path)
    assert main(["unanswered", "--db", str(database)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Questions sans réponse (3)"
    assert lines[1].startswith("- « ") and "2× : 2 sans réponse, 0 incertaine, 0 👎" in lines[1]
    text = "\n".join(lines)
    assert "pistes : 3.1.2" in text and "1× : 0 sans réponse, 0 incertaine, 1 👎" in text

    assert main(["unanswered", "--db", str(database), "--json", "--limit", "1"]) == 0
    [group] = json.loads(capsys.readouterr().out)
    assert group["count"] == 2 and group["abstained"] == 2
    assert set(group["examples"]) == {"c quoi kubernetes ?", "kubernetes c quoi"}

    assert main(["unanswered", "--db", str(database), "--guild", "7", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Unanswered questions (1)") and "le truc des playlists" in out


def test_a_missing_database_is_named_not_created(tmp_path, capsys):
    missing = tmp_path / "typo.sqlite3"
    assert main(["unanswered", "--db", str(missing)]) == 1
    assert f"no database at {missing}" in capsys.readouterr().err
    assert not missing.exists()


def test_the_chat_lists_what_its_students_asked(tmp_path):
    out = io.StringIO()
    store = Store(tmp_path / "chat.sqlite3")
    chat = ChatSession(load_engine(CONTENT), out=out, store=store)
    chat.handle("/unanswered")
    assert out.getvalue().strip() == "Aucune question sans réponse pour l'instant."
    chat.handle("c'est quoi kubernetes ?")
    chat.handle("/unanswered")
    assert "« c'est quoi kubernetes ? » — 1× : 1 sans réponse" in out.getvalue()
    store.close()


def test_faq_drafts_hold_the_bots_leads_as_comments_until_a_ta_confirms(tmp_path, capsys):
    import shutil

    from bot.course.faq import load_faq
    from bot.course.loader import load_course

    database = _database(tmp_path)
    assert main(["unanswered", "--db", str(database), "--faq"]) == 0
    drafts = capsys.readouterr().out
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "faq.yaml").write_text(drafts, encoding="utf-8")
    entries, problems = load_faq(content, load_course(content).course)
    # Nothing is answered until a TA confirms: the bot's lead is only a comment.
    assert entries == [] and len(problems) == 3
    assert all("exactly one of 'section' or 'answer'" in p.message for p in problems)
    text = drafts.split("- question: ")
    chansons = next(d for d in text if d.startswith('"le truc des playlists"'))
    assert '# section: "3.1.2"' in chansons
    # "image ?" got a 👎 on 3.1.2: that section is not proposed again.
    image = next(d for d in text if d.startswith('"image ?"'))
    assert "3.1.2" not in image and "# section: … / answer: …" in image
    # Uncommenting the lead is all a TA does to accept it.
    accepted = drafts.replace('  # section: "3.1.2"', '  section: "3.1.2"')
    (content / "faq.yaml").write_text(accepted, encoding="utf-8")
    entries, problems = load_faq(content, load_course(content).course)
    assert {e.question: e.section_id for e in entries} == {"le truc des playlists": "3.1.2"}


def _course(tmp_path, name="cours"):
    import shutil

    folder = tmp_path / name
    shutil.copytree(CONTENT, folder)
    return folder


def test_once_the_drafts_are_answered_and_pasted_the_questions_leave_the_list(tmp_path, capsys):
    course = _course(tmp_path)
    database = tmp_path / "bot.sqlite3"
    store = Store(database)
    store.record_question("quelle est la recette de la pizza ?", "abstain", 0, None, None, "ana", 1)
    store.record_question("la recette de la pizza", "abstain", 0, None, None, "bob", 1)
    store.record_question("c quoi kubernetes ?", "abstain", 0, None, None, "ana", 1)
    store.close()
    listing = ["unanswered", "--db", str(database), "--content", str(course)]

    assert main(listing) == 0
    out = capsys.readouterr().out
    assert out.startswith("Questions sans réponse (2)") and "pizza" in out
    assert "masquées" not in out.lower()
    assert main([*listing, "--faq"]) == 0
    drafts = capsys.readouterr().out
    assert drafts.count("- question: ") == 2
    # The TA writes an answer to each draft and pastes them: check finds nothing to refuse.
    done = drafts.replace("# section: … / answer: …  (à compléter)", 'answer: "Pas au programme."')
    (course / "faq.yaml").write_text(done, encoding="utf-8")
    assert main(["check", "--content", str(course)]) == 0
    capsys.readouterr()

    assert main(listing) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Aucune question sans réponse pour l'instant.",
        "Masquées, car le cours y répond désormais : 2 questions.",
    ]
    assert main([*listing, "--faq"]) == 0
    again = capsys.readouterr().out
    assert "- question:" not in again and "répond désormais : 2 questions" in again
    assert main([*listing, "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == [] and "2 questions" in err


def test_a_question_the_course_answers_with_a_voted_down_section_stays_listed_apart(
    tmp_path, capsys
):
    database = tmp_path / "bot.sqlite3"
    store = Store(database)
    store.record_question("image ?", "suggest", 18.0, "3.1", "3.1.1", "ana", 1)
    store.record_feedback("image ?", "3.1.2", False, "bob", 1)
    store.close()
    assert main(["unanswered", "--db", str(database), "--content", str(CONTENT)]) == 0
    lines = capsys.readouterr().out.splitlines()
    # 3.1.2 is what students rejected: shown as such, never as a lead to follow.
    assert lines[2:] == ["  pistes : 3.1.1", "  👎 sur : 3.1.2"]


def test_a_voted_down_faq_answer_is_pointed_to_not_drafted_again(tmp_path, capsys):
    from bot.course.faq import load_faq
    from bot.course.loader import load_course

    course = _course(tmp_path)
    faq = '- question: "Quand a lieu l\'examen ?"\n  answer: "Le 12 juin"\n'
    (course / "faq.yaml").write_text(faq, encoding="utf-8")
    database = tmp_path / "bot.sqlite3"
    store = Store(database)
    # A vote names a FAQ answer by its question, wherever the bot ran.
    for user in ("ana", "bob"):
        vote = ("quand a lieu l'examen ?", "faq:quand-a-lieu-examen", False, user, 1)
        store.record_feedback(*vote)
    store.record_question("l'examen c'est quand", "abstain", 0, None, None, "eve", 1)
    store.close()
    listing = ["unanswered", "--db", str(database), "--content", str(course)]

    assert main(listing) == 0
    assert capsys.readouterr().out.startswith("Questions sans réponse (1)")
    assert main([*listing, "--faq"]) == 0
    drafts = capsys.readouterr().out
    assert "- question:" not in drafts
    shown = load_faq(course, load_course(course).course)[0][0].path
    assert (
        f"# « quand a lieu l'examen ? » est déjà dans {shown}:1 : sa réponse a reçu des 👎, "
        "révisez cette entrée plutôt que d'en ajouter une." in drafts.splitlines()
    )
    (course / "faq.yaml").write_text(faq + drafts, encoding="utf-8")
    assert main(["check", "--content", str(course)]) == 0


def test_drafts_keep_every_phrasing_and_name_the_content_folders_faq(tmp_path, capsys):
    course = _course(tmp_path, "cours-git")
    database = tmp_path / "bot.sqlite3"
    store = Store(database)
    phrasings = ["quand a lieu l examen", "c est quand l examen", "examen quand ?",
                 "l examen c est quand", "quand est l examen ?", "Examen quand"]
    for n, question in enumerate(phrasings):
        store.record_question(question, "abstain", 0, None, None, f"u{n}", None)
    store.close()
    listing = ["unanswered", "--db", str(database), "--content", str(course)]
    assert main([*listing, "--faq"]) == 0
    drafts = capsys.readouterr().out
    assert drafts.startswith("# Brouillons pour cours-git/faq.yaml, à compléter puis coller.")
    (course / "faq.yaml").write_text(drafts.replace("# section: … / answer: …", "answer: x"))
    from bot.course.faq import load_faq
    from bot.course.loader import load_course

    entries, problems = load_faq(course, load_course(course).course)
    assert problems == []
    [entry] = entries
    phrased = [entry.question, *entry.alternates]
    # "Examen quand" and "examen quand ?" are one phrasing to check: kept once.
    assert len(phrased) == 5 and set(phrasings) - set(phrased) in ({"Examen quand"},
                                                                    {"examen quand ?"})
    # The on-screen list still shows three phrasings of a group at most.
    assert main(listing) == 0
    assert max(line.count("« ") for line in capsys.readouterr().out.splitlines()) <= 2


def test_a_file_that_is_not_a_database_is_an_error_not_an_empty_list(tmp_path, capsys):
    not_a_database = tmp_path / "quiz.yaml"
    not_a_database.write_text("- question: ceci n'est pas une base\n", encoding="utf-8")
    assert main(["unanswered", "--db", str(not_a_database), "--content", str(CONTENT)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "error: cannot prepare the database" in err
    assert "not a database" in err


def test_the_chat_leaves_out_what_its_content_answers_now(tmp_path):
    out = io.StringIO()
    store = Store(tmp_path / "chat.sqlite3")
    # Asked before the course covered it; the content the chat serves answers it now.
    store.record_question("image vs conteneur ?", "abstain", 0, None, None, "terminal", None)
    chat = ChatSession(load_engine(CONTENT), out=out, store=store)
    chat.handle("c'est quoi kubernetes ?")
    chat.handle("/unanswered")
    text = out.getvalue()
    assert "kubernetes" in text and "image vs conteneur" not in text
    assert text.rstrip().endswith("Masquées, car le cours y répond désormais : 1 question.")
    store.close()


def test_a_voted_down_faq_entry_to_a_section_stays_listed_while_the_bot_gives_it(
    tmp_path, capsys
):
    course = _course(tmp_path)
    faq = '- question: "le truc des playlists ?"\n  section: "3.1.2"\n'
    (course / "faq.yaml").write_text(faq, encoding="utf-8")
    database = tmp_path / "bot.sqlite3"
    store = Store(database)
    # The vote names the FAQ entry; the answer it gave is section 3.1.2's text.
    store.record_feedback("le truc des playlists ?", "faq:le-truc-des-playlists", False, "ana", 1)
    store.close()
    listing = ["unanswered", "--db", str(database), "--content", str(course)]
    assert main(listing) == 0
    out = capsys.readouterr().out
    assert out.startswith("Questions sans réponse (1)") and "masquées" not in out.lower()


def test_a_faq_question_the_bot_is_unsure_of_is_pointed_to_not_drafted_again():
    from bot.app.unanswered import UnansweredGroup
    from bot.course.faq import FaqEntry
    from bot.present.text import faq_drafts

    entry = FaqEntry("Quand a lieu l'examen ?", ("date examen",), None, "Le 12 juin", None,
                     "cours/faq.yaml", 4)
    unsure = UnansweredGroup("date  examen ?", 2, 1, 1, 0, 0.0, ("date  examen ?",), ())
    new = UnansweredGroup("docker swarm ?", 1, 1, 0, 0, 0.0,
                          ("docker swarm ?", "swarm", "DATE-examen !"), ())
    drafts = faq_drafts([unsure, new], "en", "cours/faq.yaml", [entry]).splitlines()
    assert drafts[0].startswith("# Drafts for cours/faq.yaml, to finish and paste.")
    assert drafts[3:] == [
        '# "date examen ?" is already in cours/faq.yaml:4 but the bot does not answer it with '
        "confidence: revise that entry rather than add one.",
        '- question: "docker swarm ?"',
        # "DATE-examen !" folds to a phrasing faq.yaml has: pasted, it is a duplicate.
        '  alternates: ["swarm"]',
        "  # section: … / answer: …  (to complete)",
    ]


def test_a_suggestion_a_student_picked_and_liked_is_the_drafts_lead(tmp_path, capsys):
    database = tmp_path / "bot.sqlite3"
    store = Store(database)
    # The bot was unsure and led with 3.1.1; the student picked 3.1.3 and gave it a 👍.
    store.record_question("le bidule des playlists ?", "suggest", 18.0, "3.1", "3.1.1",
                          "ana", 1)
    store.record_feedback("le bidule des playlists ?", "3.1.3", True, "ana", 1)
    store.close()
    listing = ["unanswered", "--db", str(database), "--content", str(CONTENT)]
    assert main(listing) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2:] == ["  👍 sur : 3.1.3", "  pistes : 3.1.1"]
    assert main([*listing, "--faq"]) == 0
    assert '  # section: "3.1.3"  # un étudiant l\'a trouvée utile (👍) : à vérifier' in (
        capsys.readouterr().out.splitlines())
