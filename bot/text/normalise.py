"""Text normalisation shared by the index and the queries: folding, elisions, stop words,
stemming (Snowball, French and English) and synonym groups, in that order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer

from bot.text.lexicon import (
    COMPARISON_WORDS,
    ELISIONS,
    GENERAL_SYNONYMS,
    INTENT_PHRASES,
    INTENT_WORDS,
    STOP_WORDS,
)

COMPARE = "_cmp"
# Command-line flags ("-v", "--mount") are words of their own: they name options precisely.
_WORD = re.compile(r"(?<![\w-])--?[a-z][a-z0-9]*(?:-[a-z0-9]+)*|[a-z0-9]+(?:[+#][a-z0-9+#]*)?")
_ELISION = re.compile(r"\b(?:" + "|".join(ELISIONS) + r")['’`´]")
MAX_QUERY_CHARS = 2000
# Chat markup that names no topic: user, role and channel mentions, custom emoji, timestamps,
# @everyone and @here. Left in, their ids and names would count as words the course lacks.
_CHAT_MARKUP = re.compile(
    r"<(?:@[!&]?\d+|#\d+|a?:\w+:\d+|t:\d+(?::[a-zA-Z])?)>|@(?:everyone|here)\b"
)

_FR = snowballstemmer.stemmer("french")
_EN = snowballstemmer.stemmer("english")


class _FoldTable(dict):
    """``str.translate`` table, filled on first sight of each character: accents (combining
    marks) and zero-width or direction marks (category Cf, which would split words
    invisibly) are dropped, everything else kept."""

    def __missing__(self, code: int) -> int | None:
        char = chr(code)
        keep = not unicodedata.combining(char) and unicodedata.category(char) != "Cf"
        # Bounded, so that messages made of rare characters cannot grow it without end.
        if len(self) < 50_000:
            self[code] = code if keep else None
        return code if keep else None


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Case and accent folding, compatibility forms normalised (ﬁ -> fi, full-width -> ASCII)."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text.casefold()).translate(_FOLD)


@lru_cache(maxsize=65536)
def stem_fr(word: str) -> str:
    # Without its accents a feminine participle ("stockee", "creees") escapes Snowball's
    # "-ée" rule, so it would not meet its verb ("stocker"); fold the ending back first.
    if len(word) > 4 and word.endswith("ees"):
        word = word[:-2]
    elif len(word) > 4 and word.endswith("ee"):
        word = word[:-1]
    return _FR.stemWord(word)


@lru_cache(maxsize=65536)
def stem_en(word: str) -> str:
    return _EN.stemWord(word)


# An upper-case stop word is a keyword of a language or a tool (FROM in a Dockerfile, WHERE in
# SQL): it names something, so it is a concept of its own, apart from the word "from".
_KEYWORD = re.compile(r"\b[A-Z]{2,}\b")


def keywords(text: str) -> list[str]:
    """Concepts of the upper-case words that would otherwise be dropped as stop words."""
    return [f"={w.lower()}" for w in _KEYWORD.findall(text) if w.lower() in STOP_WORDS]


def stop_word_keywords(text: str) -> list[str]:
    """Keyword concepts of the stop words of ``text`` in any case: all that a question made
    only of them ("having ou where", "c koi having") has to go on. A SQL course's HAVING is
    a stop word in English, but a course word there."""
    return [f"={w}" for w in words(text) if w in STOP_WORDS]


def strip_markup(text: str) -> str:
    """``text`` without chat mentions, custom emoji and timestamps."""
    return _CHAT_MARKUP.sub(" ", text) if ("<" in text or "@" in text) else text


def words(text: str) -> list[str]:
    """Folded words with elisions removed (``l'image`` -> ``image``), in order."""
    folded = _ELISION.sub(" ", fold(text[:MAX_QUERY_CHARS * 50]))
    return _WORD.findall(folded)


class Normalizer:
    """Turns text into concept tokens; the same instance serves the index and the queries.

    A concept is a stem, or the canonical stem of a synonym group, so ``container`` and
    ``conteneur`` meet when the course's synonyms say so.
    """

    def __init__(self, synonym_groups: Iterable[Iterable[str]] = ()) -> None:
        self._single: dict[str, str] = {}
        self._phrases: dict[tuple[str, ...], str] = {}
        self._cache: dict[str, str | None] = {}
        for group in (*GENERAL_SYNONYMS, *synonym_groups):
            self._add_group(list(group))
        self._phrases.update(INTENT_PHRASES)
        # Only words that can open a phrase are worth a phrase look-up.
        self._starts = {key[0] for key in self._phrases}
        self._longest = max((len(k) for k in self._phrases), default=1)

    def _add_group(self, group: list[str]) -> None:
        keys = [tuple(words(term)) for term in group]
        keys = [k for k in keys if k]
        if len(keys) < 2:
            return
        # Join into a group that already holds one of these terms, so groups chain.
        canonical = next(
            (self._lookup(k) for k in keys if self._lookup(k) is not None),
            "_" + "_".join(stem_fr(w) for w in keys[0]),
        )
        for key in keys:
            for form in {key, tuple(stem_fr(w) for w in key), tuple(stem_en(w) for w in key)}:
                if len(form) == 1:
                    self._single.setdefault(form[0], canonical)
                else:
                    self._phrases.setdefault(form, canonical)

    def _lookup(self, key: tuple[str, ...]) -> str | None:
        if len(key) == 1:
            return self._single.get(key[0])
        return self._phrases.get(key)

    def concept(self, word: str) -> str | None:
        """The concept of one folded word, or None for a stop word (cached per word)."""
        try:
            return self._cache[word]
        except KeyError:
            pass
        concept = self._concept(word)
        if len(self._cache) < 200_000:
            self._cache[word] = concept
        return concept

    def _concept(self, word: str) -> str | None:
        if word in INTENT_WORDS:
            return INTENT_WORDS[word]
        if word in COMPARISON_WORDS:
            return COMPARE
        if word in STOP_WORDS or (len(word) == 1 and not word.isdigit()):
            return None
        if word[0] == "-":
            return word
        synonym = self._single.get(word)
        if synonym:
            return synonym
        # Snowball French treats a singular and its plural differently when the singular looks
        # like a verb ("commit" -> "comm", "commits" -> "commit"): drop the plural first.
        if len(word) > 3 and word[-1] == "s" and word[-2] != "s":
            word = word[:-1]
            synonym = self._single.get(word)
            if synonym:
                return synonym
        stem = stem_fr(word)
        return self._single.get(stem) or self._single.get(stem_en(word)) or stem

    def concepts(self, text: str) -> list[str]:
        """Concept tokens of ``text``, phrases of synonym groups joined first."""
        return self.concepts_of_words(words(text))

    def concepts_of_words(self, ws: list[str]) -> list[str]:
        out: list[str] = []
        i, longest, starts = 0, self._longest, self._starts
        while i < len(ws):
            matched = False
            opens = ws[i] in starts or stem_fr(ws[i]) in starts
            for n in range(min(longest, len(ws) - i) if opens else 1, 1, -1):
                window = tuple(ws[i : i + n])
                canonical = self._phrases.get(window) or self._phrases.get(
                    tuple(stem_fr(w) for w in window)
                )
                if canonical:
                    out.append(canonical)
                    i += n
                    matched = True
                    break
            if matched:
                continue
            concept = self.concept(ws[i])
            if concept:
                out.append(concept)
            i += 1
        return out

    def alternatives(self, word: str) -> list[str]:
        """Other concepts one word may stand for (its English stem), for out-of-index words."""
        if word in STOP_WORDS:
            return []
        return [c for c in {stem_en(word), word} if c]
