"""Real French and English words, to tell a typo from a word the course does not use.

Typo correction maps an unknown word to the nearest course word. Without a dictionary it read
real words as other course words ("président" as "précédent", "rentre" as "rendre",
"inaccessibles" as "accessibles"). The word lists are pyspellchecker's frequency lists, folded
the way questions are; they load on the first correction, so a process that never needs one
never pays for them.
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from importlib.resources import files

import numpy as np

from bot.text.normalise import fold

LANGUAGES = ("fr", "en")


# A key of pyspellchecker's word-frequency files: one JSON object per language, one
# '"word": count' a line, UTF-8 with no escapes.
_KEY = re.compile(r'\s*"([^"\\]+)"\s*:')


@cache
def _hashes() -> np.ndarray:
    # Hashes in a sorted array take 8 bytes a word, against about 90 for a set of strings:
    # 2.3 MB instead of 28 for the 280,000 words (this process's own hash, never stored).
    # The files are streamed a line at a time rather than loaded through SpellChecker, whose
    # dictionaries raised the process's peak by 30 MB after the index of a course copied 100
    # times (12 MB streamed), and kept 15 MB of it for good (3 MB streamed).
    parts = []
    for language in LANGUAGES:
        resource = files("spellchecker") / "resources" / f"{language}.json.gz"
        with resource.open("rb") as packed, gzip.open(packed, "rt", encoding="utf-8") as lines:
            parts.append(np.fromiter(
                (hash(fold(m.group(1))) for line in lines if (m := _KEY.match(line))),
                dtype=np.int64))
    return np.unique(np.concatenate(parts))


def is_word(folded: str) -> bool:
    """Whether ``folded`` (lower case, no accents) is a French or English word."""
    hashes = _hashes()
    key = hash(folded)
    i = int(np.searchsorted(hashes, key))
    return i < len(hashes) and int(hashes[i]) == key
