"""Real French and English words, to tell a typo from a word the course does not use.

Typo correction maps an unknown word to the nearest course word. Without a dictionary it read
real words as other course words ("président" as "précédent", "rentre" as "rendre",
"inaccessibles" as "accessibles"). The word lists are pyspellchecker's frequency lists, folded
the way questions are; they load on the first correction, so a process that never needs one
never pays for them.
"""

from __future__ import annotations

from functools import cache

from bot.search.text import fold

LANGUAGES = ("fr", "en")


@cache
def _words() -> frozenset[str]:
    from spellchecker import SpellChecker

    found: set[str] = set()
    for language in LANGUAGES:
        found.update(fold(w) for w in SpellChecker(language=language).word_frequency.dictionary)
    return frozenset(found)


def is_word(folded: str) -> bool:
    """Whether ``folded`` (lower case, no accents) is a French or English word."""
    return folded in _words()
