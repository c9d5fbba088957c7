"""General language knowledge for French and English: stop words, question words, small talk,
and common technical word pairs. Nothing here belongs to one course: a course's own vocabulary
goes in its ``synonyms.yaml``.

The words themselves are data, in ``bot/text/words/lexicon.yaml``; this module names them.
"""

from __future__ import annotations

from bot.text.wordlists import word_data

_DATA = word_data("lexicon")  # bot/text/words/lexicon.yaml, read once


def _words(key: str) -> set[str]:
    return set(_DATA[key].split())


# Words that carry no topic. Folded (no accents), after elision removal.
STOP_WORDS_FR = _words("stop_words_fr")
STOP_WORDS_EN = _words("stop_words_en")
STOP_WORDS = STOP_WORDS_FR | STOP_WORDS_EN

# Question intent is kept as a weak concept: "why X" and "how X" point to different sections.
INTENT_WORDS: dict[str, str] = dict(_DATA["intent_words"])

# "Which command ..." asks how to do something, like "how".
INTENT_PHRASES: dict[tuple[str, str], str] = {
    (first, second): intent for first, second, intent in _DATA["intent_phrases"]
}

# Comparison cues: every wording of "the difference between" becomes one concept.
COMPARISON_WORDS = _words("comparison_words")

ELISIONS: tuple[str, ...] = tuple(_DATA["elisions"])

# Small talk: a message made only of these words (and stop words) is not a course question.
SMALL_TALK: dict[str, set[str]] = {
    kind: set(text.split()) for kind, text in _DATA["small_talk"].items()
}

# Who a greeting opening a message is addressed to ("hello there, ...", "salut tout le monde").
GREETING_ADDRESSEES: tuple[str, ...] = tuple(_DATA["greeting_addressees"])

# Words that only fill small talk ("bonjour tout le monde, ça va ?").
SMALL_TALK_FILLER = _words("small_talk_filler")

# Chat fillers around a question ("wesh", "ptdr", "urgent", "whats").
CHAT_FILLER = _words("chat_filler")

# First words of a heading that already asks a question: no "Qu'est-ce que ..." form is added.
HEADING_QUESTION_STARTS = _words("heading_question_starts")

# First words (folded) of a message that asks something (help channels).
MESSAGE_QUESTION_STARTS = _words("message_question_starts")

# General technical vocabulary, English <-> French, as groups; the first word is canonical.
GENERAL_SYNONYMS: tuple[tuple[str, ...], ...] = tuple(
    tuple(group) for group in _DATA["general_synonyms"]
)
