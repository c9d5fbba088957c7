"""Query analysis: a student's message turned into weighted course concepts (typos read as
course words, greetings and courtesy dropped), and small talk recognised."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.search.index import FaqIndex, bigrams
from bot.text.lexicon import (
    CHAT_FILLER,
    GREETING_ADDRESSEES,
    SMALL_TALK,
    SMALL_TALK_FILLER,
    STOP_WORDS,
)
from bot.text.normalise import (
    COMPARE,
    MAX_QUERY_CHARS,
    Normalizer,
    fold,
    keywords,
    stop_word_keywords,
    strip_markup,
    words,
)

WEAK_CONCEPTS = {"_how": 0.4, "_why": 0.6, COMPARE: 0.6}
CORRECTED_WEIGHT = 0.85


@dataclass(frozen=True)
class Query:
    """A question turned into weighted concepts."""

    text: str
    concepts: tuple[tuple[str, float], ...]  # (concept, weight)
    key: str  # concept string for fuzzy comparison
    pairs: tuple[str, ...] = ()  # adjacent concept pairs of the question
    corrections: tuple[tuple[str, str], ...] = ()  # (word as typed, course word read instead)


class QueryAnalyser:
    """Reads questions against one index's vocabulary."""

    def __init__(self, index: FaqIndex, normalizer: Normalizer) -> None:
        self.index = index
        self.normalizer = normalizer

    def analyse(self, text: str) -> Query:
        """``text`` as weighted course concepts, with its typos read as course words."""
        idx, n = self.index, self.normalizer
        # A greeting, a thank-you, a chat filler or a number the course never uses is no sign
        # that the question is about something else: "bonjour, c koi un volume" and "ptdr c koi
        # un volume" ask about volumes.
        ws = [
            w
            for w in words(without_greeting(strip_markup(text[:MAX_QUERY_CHARS])))
            if not (
                (w.isdigit() or w in _COURTESY)
                and n.concept(w) not in idx.idf
            )
        ]
        corrected: dict[int, str] = {}  # word position -> the word as typed
        for i, w in enumerate(ws):
            concept = n.concept(w)
            if concept is None or concept in idx.idf:
                continue
            # "reset soft" names the option the course writes "--soft".
            flag = next((f for f in (f"--{w}", f"-{w}") if f in idx.idf), None)
            if flag is not None:
                ws[i] = flag
                continue
            # An elision typed without its apostrophe: "limage", "lhote".
            bare = _unelided(w)
            if bare is not None and n.concept(bare) in idx.idf:
                ws[i] = bare
                continue
            alt = next((a for a in n.alternatives(w) if a in idx.idf), None)
            if alt is None:
                fixed = idx.correct(w) or idx.transposed(w)
                # A course word that only lives inside a phrase ("clé primaire") is its own
                # nearest word: nothing to correct, nothing to report.
                if fixed and fixed != w:
                    ws[i] = fixed
                    corrected[i] = w
        weights: dict[str, float] = {}
        # Phrases can span words, so weights follow the words each concept came from.
        for i, w in enumerate(ws):
            for concept in n.concepts_of_words([w]) or []:
                weight = CORRECTED_WEIGHT if i in corrected else 1.0
                weights[concept] = max(weights.get(concept, 0.0), weight)
        concepts = n.concepts_of_words(ws)
        final: dict[str, float] = {}
        for concept in concepts:
            base = weights.get(concept, 1.0)
            final[concept] = max(final.get(concept, 0.0), base * WEAK_CONCEPTS.get(concept, 1.0))
        # Keywords the course does not use are only shouting ("COMMENT JE FAIS"): not counted.
        for keyword in keywords(text[:MAX_QUERY_CHARS]):
            if keyword in idx.idf:
                final[keyword] = 1.0
        if not final:
            # Only stop words: the course may use one as a word of its own ("having").
            for keyword in stop_word_keywords(text[:MAX_QUERY_CHARS]):
                if keyword in idx.idf:
                    final[keyword] = 1.0
        strong = [c for c in concepts if c not in WEAK_CONCEPTS]
        return Query(
            text,
            tuple(final.items()),
            " ".join(sorted(final)),
            tuple(bigrams(strong)),
            tuple((typed, ws[i]) for i, typed in sorted(corrected.items())),
        )


def _unelided(word: str) -> str | None:
    """``word`` without a leading elided article or pronoun ("limage" -> "image"), if any;
    the rest must be long enough not to be a word of its own by chance ("lint" is not "int")."""
    for prefix in ("qu", "l", "d", "j", "c", "n", "s", "m", "t"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            return word[len(prefix) :]
    return None


_TALK_WORDS = {w: kind for kind, ws in SMALL_TALK.items() for w in ws}
# Said around a question rather than in it.
_COURTESY = SMALL_TALK["greeting"] | SMALL_TALK["thanks"] | SMALL_TALK["bye"] | CHAT_FILLER


# A greeting that opens a message, set apart by punctuation or addressed to someone.
_GREETING_OPENER = re.compile(
    r"^\W*(?P<word>\w+)(?:\s*[,!.;:]+|\s+(?:"
    + "|".join(re.escape(a) for a in GREETING_ADDRESSEES)
    + r")\b[\s,!.;:]*)"
)


def without_greeting(text: str) -> str:
    """``text`` without the greeting that opens it ("hello there, what is a volume"), even
    when the course uses the greeting's word itself (a "hello-world" image), so that the
    greeting is not read as part of the question. A greeting that is the whole message stays:
    it is small talk. The rest comes back folded, as ``words`` reads it."""
    folded = fold(text)
    match = _GREETING_OPENER.match(folded)
    if match is None or match.group("word") not in SMALL_TALK["greeting"]:
        return text
    rest = folded[match.end():]
    return rest if rest.strip() else text


def smalltalk_kind(text: str) -> str | None:
    """``greeting``/``thanks``/``identity``/``bye``/``help`` when the message is only small
    talk."""
    ws = words(text)
    kinds = [_TALK_WORDS[w] for w in ws if w in _TALK_WORDS]
    if not kinds or any(
        w not in _TALK_WORDS and w not in STOP_WORDS and w not in SMALL_TALK_FILLER for w in ws
    ):
        return None
    # "hello bot" greets; "t'es qui, le bot ?" asks who we are.
    addressed_only = all(w in ("bot", "robot") for w in ws if _TALK_WORDS.get(w) == "identity")
    for kind in ("help", "identity", "thanks", "bye", "greeting"):
        if kind in kinds and not (kind == "identity" and addressed_only and len(set(kinds)) > 1):
            return kind
    return None
