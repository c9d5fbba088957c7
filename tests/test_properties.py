"""Property tests: the parser, the normaliser, the matcher and the YAML loaders never raise."""

import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.config import ConfigError, load_settings
from bot.course.faq import load_faq, load_synonyms
from bot.course.loader import ContentError, decode, load_course
from bot.course.markdown import parse_module
from bot.quiz.bank import load_quiz_bank
from bot.text.normalise import Normalizer, fold
from bot.text.snippets import chunks, cut
from conftest import CONTENT

COURSE = load_course(CONTENT).course
NORMALIZER = Normalizer([["conteneur", "container"]])

markdown_pieces = st.sampled_from(
    [
        "# 1.1 Titre\n", "## 1.1.1 Section :\n", "### sans numéro\n", "#### \n", "# \n",
        "```bash\n# pas un titre\n", "```\n", "- **Terme** : définition\n", "- **Seul** :\n",
        "  - **Enfant** : texte\n", "1. **Ordonné** : oui\n", "<blockquote>\n<h2>Prérequis</h2>\n",
        "<ul><li>item `code`</li>\n", "</blockquote>\n", "| a | b |\n|---|---|\n| c | d |\n",
        "[lien](http://x)", "![img](y.png)", "texte *gras* **fort** `code`\n", "\n", "---\n",
        "## Résumé\n", "<h2>Objectifs Pédagogiques</h2>", "> citation\n", "<div>", "&amp;",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(markdown_pieces, st.text(max_size=40)), max_size=40))
def test_parser_never_raises_on_random_markdown(pieces):
    text = "".join(pieces)
    try:
        module, problems = parse_module(text, "x.md", "1.1-x")
    except ContentError as exc:
        assert exc.line >= 1 and exc.message
        return
    ids = [s.id for s in module.walk()]
    assert len(ids) == len(set(ids))
    assert all(s.line >= 1 for s in module.walk())


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_decoding_random_bytes_never_raises_anything_else(data):
    try:
        text = decode(data, "x.md")
    except ContentError as exc:
        assert exc.line >= 1
        return
    assert "\r" not in text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=10_000))
def test_normaliser_never_raises(text):
    concepts = NORMALIZER.concepts(text)
    assert all(isinstance(c, str) and c and " " not in c for c in concepts)


@settings(max_examples=300)
@given(st.text(max_size=40))
def test_folding_drops_exactly_accents_and_invisible_marks(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    expected = "".join(
        c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf"
    )
    assert fold(text) == (text.lower() if text.isascii() else expected)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000), st.integers(min_value=0, max_value=5000))
def test_cutting_text_respects_the_limit(text, limit):
    out = cut(text, limit)
    assert len(out) <= max(limit, 0)
    for page in chunks(text, max(limit, 40)):
        assert len(page) <= max(limit, 40)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=500))
def test_yaml_loaders_never_raise(tmp_path: Path, text):
    for name in ("faq.yaml", "synonyms.yaml", "quiz.yaml", "config.yaml"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    entries, problems = load_faq(tmp_path, COURSE)
    groups, more = load_synonyms(tmp_path)
    items, quiz_problems = load_quiz_bank(tmp_path, COURSE)
    assert all(p.line >= 0 for p in [*problems, *more, *quiz_problems])
    try:
        load_settings(tmp_path / "config.yaml")
    except ConfigError as exc:
        assert str(exc)  # names the key or the line
