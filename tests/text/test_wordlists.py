"""The word lists kept as data files (bot/text/words/*.yaml)."""

from bot.text import lexicon
from bot.text.wordlists import word_data, word_set


def test_each_file_is_read_once():
    assert word_data("lexicon") is word_data("lexicon")


def test_words_yaml_would_read_as_booleans_stay_words():
    # "no", "on" and "yes" are booleans to YAML; in a block of words they stay words.
    assert {"no", "on", "yes"} <= lexicon.STOP_WORDS_EN


def test_the_quiz_lists_are_sets_of_folded_words():
    heading = word_set("quiz", "heading_words")
    assert "introduction" in heading and all(w == w.lower() for w in heading)
    assert word_set("quiz", "example_words") <= heading | {"demonstration", "demo", "lab"}
