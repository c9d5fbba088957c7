"""A TA exports and deletes one student's data from the terminal."""

import json

from bot.cli.main import main
from bot.store import Store


def test_export_then_delete_a_students_data(tmp_path, capsys):
    database = tmp_path / "bot.sqlite3"
    store = Store(database)
    store.record_question("recette de crêpes", "abstain", 3.0, None, None, "ana", None)
    store.record_feedback("image ?", "3.1.2", False, "ana", None)
    store.record_feedback("image ?", "3.1.2", True, "bob", None)
    store.close()

    assert main(["privacy", "export", "ana", "--db", str(database)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["user_id"] == "ana"
    assert [q["question"] for q in data["questions"]] == ["recette de crêpes"]
    assert len(data["feedback"]) == 1

    assert main(["privacy", "delete", "ana", "--db", str(database)]) == 1  # asks to confirm
    assert "relancez avec --yes pour confirmer" in capsys.readouterr().err
    assert main(["privacy", "delete", "ana", "--db", str(database), "--yes"]) == 0
    removed = json.loads(capsys.readouterr().out)["removed"]
    assert removed["questions"] == 1 and removed["feedback"] == 1

    assert main(["privacy", "export", "ana", "--db", str(database)]) == 1  # nothing left
    assert "Aucune donnée ne correspond" in capsys.readouterr().err
    assert main(["privacy", "export", "bob", "--db", str(database)]) == 0
    assert len(json.loads(capsys.readouterr().out)["feedback"]) == 1


def test_export_from_an_unusable_database_says_so(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert main(["privacy", "export", "ana", "--db", str(blocker / "db.sqlite3")]) == 1
    assert "error:" in capsys.readouterr().err


def test_a_mistyped_database_path_is_named_and_not_created(tmp_path, capsys):
    missing = tmp_path / "typo.sqlite3"
    for action in (["export", "ana"], ["delete", "ana", "--yes"]):
        assert main(["privacy", *action, "--db", str(missing)]) == 1
        assert f"no database at {missing}" in capsys.readouterr().err
    assert not missing.exists()


def test_an_unknown_id_matches_no_data_and_says_discord_ids_are_numbers(tmp_path, capsys):
    database = tmp_path / "bot.sqlite3"
    store = Store(database)
    store.record_question("recette de crêpes", "abstain", 3.0, None, None, "123456789", None)
    store.close()

    assert main(["privacy", "export", "nobody", "--db", str(database)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "Aucune donnée ne correspond à l'identifiant « nobody »" in err
    assert "un identifiant est un nombre" in err
    assert main(["privacy", "delete", "nobody", "--db", str(database), "--yes"]) == 1
    assert "Aucune donnée" in capsys.readouterr().err
    assert main(["privacy", "export", "42", "--db", str(database), "--lang", "en"]) == 1
    assert capsys.readouterr().err.startswith("No data matches the id 42")
    assert main(["privacy", "export", "123456789", "--db", str(database)]) == 0
    assert json.loads(capsys.readouterr().out)["questions"][0]["question"] == "recette de crêpes"
