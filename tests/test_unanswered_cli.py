"""A TA reads what the bot could not answer well, from the terminal and in the chat."""

import io
import json

from bot.cli import main
from bot.console import ChatSession
from bot.engine import load_engine
from bot.store import Store
from conftest import CONTENT


def _database(tmp_path):
    database = tmp_path / "bot.sqlite3"
    store = Store(database)
    store.record_question("c quoi kubernetes ?", "abstain", 3.0, None, None, "ana", None)
    store.record_question("kubernetes c quoi", "abstain", 2.0, None, None, "bob", None)
    store.record_question("le truc des chansons", "suggest", 18.0, "3.1", "3.1.2", "ana", 7)
    store.record_feedback("image ?", "3.1.2", False, "ana", None)
    store.record_feedback("image ?", "3.1.2", True, "bob", None)  # helpful: not listed
    store.close()
    return database


def test_the_list_groups_similar_questions_most_frequent_first(tmp_path, capsys):
    database = _database(tmp_path)
    assert main(["unanswered", "--db", str(database)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Questions sans réponse (3)"
    assert lines[1].startswith("- « ") and "2× : 2 sans réponse, 0 incertaine(s), 0 👎" in lines[1]
    text = "\n".join(lines)
    assert "pistes : 3.1.2" in text and "1× : 0 sans réponse, 0 incertaine(s), 1 👎" in text

    assert main(["unanswered", "--db", str(database), "--json", "--limit", "1"]) == 0
    [group] = json.loads(capsys.readouterr().out)
    assert group["count"] == 2 and group["abstained"] == 2
    assert set(group["examples"]) == {"c quoi kubernetes ?", "kubernetes c quoi"}

    assert main(["unanswered", "--db", str(database), "--guild", "7", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Unanswered questions (1)") and "le truc des chansons" in out


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

    from bot.course.loader import load_course
    from bot.search.faq import load_faq

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
    chansons = next(d for d in text if d.startswith('"le truc des chansons"'))
    assert '# section: "3.1.2"' in chansons
    # "image ?" got a 👎 on 3.1.2: that section is not proposed again.
    image = next(d for d in text if d.startswith('"image ?"'))
    assert "3.1.2" not in image and "# section: … / answer: …" in image
    # Uncommenting the lead is all a TA does to accept it.
    accepted = drafts.replace('  # section: "3.1.2"', '  section: "3.1.2"')
    (content / "faq.yaml").write_text(accepted, encoding="utf-8")
    entries, problems = load_faq(content, load_course(content).course)
    assert {e.question: e.section_id for e in entries} == {"le truc des chansons": "3.1.2"}
