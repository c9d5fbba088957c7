"""Real French and English words, to tell a typo from a word the course does not use.

Typo correction maps an unknown word to the nearest course word. Without a dictionary it read
real words as other course words ("président" as "précédent", "rentre" as "rendre",
"inaccessibles" as "accessibles"). The word lists are pyspellchecker's frequency lists, folded
the way questions are; they load on the first correction, so a process that never needs one
never pays for them.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from bot.search.text import fold

LANGUAGES = ("fr", "en")


@cache
def _hashes() -> np.ndarray:
    # Hashes in a sorted array take 8 bytes a word, against about 90 for a set of strings:
    # 2.4 MB instead of 28 for the 300,000 words (this process's own hash, never stored).
    from spellchecker import SpellChecker

    found: set[int] = set()
    for language in LANGUAGES:
        dictionary = SpellChecker(language=language).word_frequency.dictionary
        found.update(hash(fold(w)) for w in dictionary)
    return np.sort(np.fromiter(found, dtype=np.int64, count=len(found)))


def is_word(folded: str) -> bool:
    """Whether ``folded`` (lower case, no accents) is a French or English word."""
    hashes = _hashes()
    key = hash(folded)
    i = int(np.searchsorted(hashes, key))
    return i < len(hashes) and int(hashes[i]) == key
