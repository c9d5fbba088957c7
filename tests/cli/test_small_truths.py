"""Small truths a user reads: plurals that agree with their number, and `check`'s hint about
the optional synonyms file, given once as a note."""

from bot.cli.main import main
from conftest import CONTENT


def one_module_course(folder):
    folder.mkdir()
    (folder / "1.1-seul.md").write_text(
        "# 1.1 Un seul module\n\nIntroduction.\n\n"
        "## Résumé\n\n- **Notion** : une idée du cours.\n", encoding="utf-8")
    return folder


def test_one_module_is_loaded_in_the_singular(tmp_path):
    import io

    from bot.app.engine import load_engine
    from bot.console.chat import ChatSession

    engine = load_engine(one_module_course(tmp_path / "cours"))
    for lang, wanted in (("fr", "1 module chargé depuis"), ("en", "1 module loaded from")):
        out = io.StringIO()
        ChatSession(engine, lang=lang, out=out).run(io.StringIO(""), interactive=True)
        assert wanted in out.getvalue() and "modules" not in out.getvalue()


def test_module_counts_agree_with_their_numbers(tmp_path, capsys):
    course = one_module_course(tmp_path / "cours")
    assert main(["modules", "--content", str(course)]) == 0
    assert "1 section, 1 point au résumé" in capsys.readouterr().out
    assert main(["modules", "--lang", "en", "--content", str(course)]) == 0
    assert "1 section, 1 summary item" in capsys.readouterr().out
    assert main(["modules", "--content", str(CONTENT)]) == 0
    assert "4 sections, 2 points au résumé" in capsys.readouterr().out


def test_check_hints_once_at_what_synonyms_yaml_is_for(tmp_path, capsys):
    course = one_module_course(tmp_path / "cours")
    assert main(["check", "--content", str(course)]) == 0  # a hint, not a failure
    out = capsys.readouterr().out.splitlines()
    hints = [line for line in out if "synonyms.yaml" in line]
    assert len(hints) == 1 and hints[0].startswith("note: ")
    assert "questions in English for a French course" in hints[0]
    assert not any(line.startswith("warning:") for line in out)
    # A course that has the file gets no hint.
    assert main(["check", "--content", str(CONTENT)]) == 0
    assert "synonyms.yaml" not in capsys.readouterr().out
