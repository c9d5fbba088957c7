"""The French and English word lists that tell a typo from a real word."""

import pytest

from bot.text.spelling import _hashes, is_word


@pytest.mark.parametrize("word", ["president", "rentre", "inaccessibles", "maison", "the",
                                  "container", "stoke"])
def test_real_words_are_words(word):
    assert is_word(word)


@pytest.mark.parametrize("word", ["imgae", "conteneure", "dockerfil", "kdkdkd", ""])
def test_typos_and_noise_are_not_words(word):
    assert not is_word(word)


def test_both_lists_are_read_in_full():
    # A change in pyspellchecker's files would otherwise leave a short list and silently
    # turn typo correction back on for real words.
    assert len(_hashes()) > 250_000
