"""bot.text.snippets directly: cutting at sentence ends, closing code fences, paging."""

from bot.text.snippets import chunks, cut, first_sentences

TEXT = "Une image est un modèle. Un conteneur en est une instance. " * 10


def test_a_short_text_is_kept_whole():
    assert cut("Court.", 100) == "Court."


def test_a_long_text_ends_at_a_sentence_within_the_limit():
    shortened = cut(TEXT, 120)
    assert len(shortened) <= 120
    assert shortened.rstrip("… ").endswith(".")


def test_an_open_code_fence_is_closed():
    text = "Voici :\n```\n" + "docker run --rm image\n" * 30 + "```"
    shortened = cut(text, 200)
    assert len(shortened) <= 200 and shortened.count("```") % 2 == 0


def test_pages_fit_and_lose_no_word():
    pages = chunks(TEXT, 100)
    assert all(len(page) <= 100 for page in pages)
    assert " ".join(pages).split() == TEXT.split()


def test_first_sentences_skip_code():
    assert "docker" not in first_sentences("Avant.\n```\ndocker ps\n```\nAprès.", 100)
