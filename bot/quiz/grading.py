"""Grading of typed answers: forgiving on form, strict on meaning.

Case, accents, punctuation, articles, plurals and spacing never matter; a small typo is
accepted within a bound that grows with the word's length; technical tokens (commands, flags,
numbers, ports, short words, Dockerfile keywords) must match exactly, since one character there
makes another command. Every grade says why, so a student knows what was expected.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from bot.i18n import t
from bot.search.lexicon import ELISIONS

MAX_ANSWER_CHARS = 500  # a longer answer is cut: grading must stay cheap on any input

# Reasons, from the best accepted to the rejections.
EXACT, NORMALIZED, TYPO = "exact", "normalized", "typo"
EMPTY, TECHNICAL, OPPOSITE, DIFFERENT = "empty", "technical", "opposite", "different"
ACCEPTED_REASONS = (EXACT, NORMALIZED, TYPO)

ARTICLES = frozenset(
    {"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "the", "a", "an"}
)
# Command-line tools: an answer starting with one is a command, compared token by token.
CLI_TOOLS = frozenset(
    {
        "docker",
        "docker-compose",
        "git",
        "kubectl",
        "podman",
        "npm",
        "npx",
        "pip",
        "apt",
        "apt-get",
        "yarn",
        "systemctl",
        "helm",
        "curl",
        "ssh",
    }
)
# Prefixes that turn a word into its opposite: "immuable" is not "muable".
NEGATION_PREFIXES = ("im", "in", "il", "ir", "non", "un", "de", "des", "dis", "a")

_QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "´": "'", "`": " ", "«": " ", "»": " ", "“": " ", "”": " ", "\u00a0": " "}
)
_ELISION = re.compile(r"(?i)\b(?:" + "|".join(ELISIONS) + ")'")
# A flag (-p, --mount), or a word whose inner . : / _ + # = @ ~ - are kept (v1.0, 80:80, a_b).
_TOKEN = re.compile(r"--?[^\W_][\w.-]*|\w+(?:[.:/+#=@~-]+\w+)*[+#]*")
_PARENS = re.compile(r"\s*\(([^()]*)\)")
_TECH_CHARS = set(".:/_+#=@~")


@dataclass(frozen=True)
class Grade:
    """How one answer was graded: accepted or not, why, and against which expected form."""

    accepted: bool
    reason: str  # one of exact, normalized, typo, empty, technical, opposite, different
    expected: str  # the main expected answer
    matched: str  # the form the answer was compared with (an accepted answer, or expected)
    given: str
    edits: int = 0  # typo corrections counted when reason is "typo"

    def to_json(self) -> dict:
        return {
            "accepted": self.accepted,
            "reason": self.reason,
            "expected": self.expected,
            "matched": self.matched,
            "edits": self.edits,
        }


@dataclass(frozen=True)
class _Token:
    key: str  # the compared form: folded, plural removed for words; flags keep their case
    technical: bool


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_technical(raw: str, command: bool) -> bool:
    return (
        command
        or raw.startswith("-")
        or any(c.isdigit() for c in raw)
        or any(c in _TECH_CHARS for c in raw)
        or len(raw) <= 3
        or (raw.isupper() and len(raw) >= 2)  # FROM, EXPOSE: keywords, not prose
    )


def _key(raw: str, technical: bool) -> str:
    if raw.startswith("-"):
        return raw  # -p and -P are different flags
    folded = raw.casefold()
    if not technical and len(folded) > 3 and folded[-1] in "sx":
        folded = folded[:-1]  # plural: volume(s), réseau(x)
    return folded


@lru_cache(maxsize=8192)
def analyse(text: str) -> tuple[_Token, ...]:
    """The compared tokens of an answer (cached: distractor checks grade many pairs)."""
    clean = _strip_accents(text[:MAX_ANSWER_CHARS].translate(_QUOTES))
    clean = _ELISION.sub(" ", clean)
    raws = _TOKEN.findall(clean)
    command = bool(raws) and raws[0].casefold() in CLI_TOOLS
    if not command:
        kept = [r for r in raws if r.casefold() not in ARTICLES]
        raws = kept or raws  # an answer made only of articles keeps them
    return tuple(_Token(_key(r, tech), tech) for r in raws for tech in [_is_technical(r, command)])


def is_command(text: str) -> bool:
    """A command line or an option ("docker compose up", "-d"), which must match exactly."""
    raws = _TOKEN.findall(_strip_accents(text[:MAX_ANSWER_CHARS]))
    return bool(raws) and (raws[0].casefold() in CLI_TOOLS or raws[0].startswith("-"))


def _compact(tokens: tuple[_Token, ...]) -> str:
    # "multi-stage" = "multi stage" = "multistage"; a flag keeps its dashes.
    return "".join(t.key if t.key.startswith("-") else t.key.replace("-", "") for t in tokens)


def typo_bound(length: int) -> int:
    """Typos forgiven in a word or answer of ``length`` characters."""
    if length < 5:
        return 0
    if length < 10:
        return 1
    return 2 if length < 16 else 3


def _opposite(expected: str, given: str) -> bool:
    for prefix in NEGATION_PREFIXES:
        if expected == prefix + given or given == prefix + expected:
            return True
    return False


def answer_forms(expected: str) -> list[str]:
    """``expected`` and its short forms: "Machines Virtuelles (VM)" -> also the name, and "VM"."""
    forms = [expected]
    if "(" in expected:
        bare = _PARENS.sub("", expected).strip()
        if bare and bare != expected:
            forms.append(bare)
        for inner in _PARENS.findall(expected):
            inner = inner.strip()
            if inner.isupper() and inner.isalnum() and 2 <= len(inner) <= 6:
                forms.append(inner)  # an acronym names the thing as well as its full name
    return forms


def _close(want: str, got: str) -> bool:
    """A technical token one or two characters away: "push" for "pull", "8081" for "8080"."""
    return OSA.distance(want, got) <= max(2, len(want) // 2)


def _compare(form: str, given: str, given_tokens: tuple[_Token, ...]) -> tuple[str, int]:
    """(reason, edits) of ``given`` against one expected form."""
    expected = analyse(form)
    if not expected:
        return DIFFERENT, 0
    if expected == given_tokens or _compact(expected) == _compact(given_tokens):
        # Exact up to case only; the tokens decide first, since "-P" is not "-p".
        return (EXACT if form.strip().casefold() == given.strip().casefold() else NORMALIZED), 0
    if len(expected) != len(given_tokens):
        # "docker ps" for "docker ps -a": same start, a technical token missing or added.
        short, long = sorted((expected, given_tokens), key=len)
        extra = long[len(short) :]
        if long[: len(short)] == short and all(t.technical for t in extra):
            return TECHNICAL, 0
        return DIFFERENT, 0
    return _compare_tokens(expected, given_tokens)


def _compare_tokens(
    expected: tuple[_Token, ...], given_tokens: tuple[_Token, ...]
) -> tuple[str, int]:
    """(reason, edits) of two answers of as many tokens, token by token."""
    edits, technical_miss, other_miss = 0, False, False
    for want, got in zip(expected, given_tokens, strict=True):
        if want.key == got.key:
            continue
        if want.technical:
            if _close(want.key, got.key):
                technical_miss = True
            else:
                other_miss = True
            continue
        if _opposite(want.key, got.key):
            return OPPOSITE, 0
        bound = typo_bound(len(want.key))
        distance = OSA.distance(want.key, got.key, score_cutoff=bound + 1)
        if distance > bound:
            other_miss = True
        else:
            edits += distance
    if other_miss:
        return DIFFERENT, 0
    if technical_miss:
        return TECHNICAL, 0
    if edits > typo_bound(len(_compact(expected))):
        return DIFFERENT, 0
    return TYPO, edits


_REJECTION_RANK = {TECHNICAL: 0, OPPOSITE: 1, DIFFERENT: 2}


def grade(expected: str, given: str, accepted: tuple[str, ...] | list[str] = ()) -> Grade:
    """Grade the typed answer ``given`` against ``expected`` and other ``accepted`` answers.

    Never raises: any text gets a grade. The best match wins (exact, then normalised, then a
    typo); a rejection keeps the most telling reason (a technical token, an opposite, or simply
    a different answer).
    """
    given = given or ""
    given_tokens = analyse(given)
    if not given_tokens:
        return Grade(False, EMPTY, expected, expected, given)
    best: Grade | None = None
    rejection = (DIFFERENT, expected)
    for candidate in [expected, *accepted]:
        for form in answer_forms(candidate):
            reason, edits = _compare(form, given, given_tokens)
            if reason in ACCEPTED_REASONS:
                rank = ACCEPTED_REASONS.index(reason)
                if best is None or rank < ACCEPTED_REASONS.index(best.reason):
                    best = Grade(True, reason, expected, form, given, edits)
            elif _REJECTION_RANK[reason] < _REJECTION_RANK[rejection[0]]:
                rejection = (reason, form)
    if best is not None:
        return best
    return Grade(False, rejection[0], expected, rejection[1], given)


def names_part_of(option: str, given: str) -> bool:
    """True when ``given`` would be accepted for some consecutive words of ``option``
    ("conteneur" in "Conteneur Docker"), with :func:`grade`'s tolerance. Never for a command:
    each of its words changes what it does."""
    wanted, given_tokens = analyse(option), analyse(given)
    if not wanted or not given_tokens or wanted[0].key in CLI_TOOLS:
        return False
    size = len(given_tokens)
    return any(
        _compare_tokens(wanted[start : start + size], given_tokens)[0] in ACCEPTED_REASONS
        for start in range(len(wanted) - size + 1)
    )


def same_answer(a: str, b: str) -> bool:
    """True when either text would be accepted for the other: a near-duplicate for quizzes."""
    return grade(a, b).accepted or grade(b, a).accepted


@lru_cache(maxsize=65536)
def near_duplicate(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` cannot both be options of one question: either would be graded
    as the other, or the words of one are all in the other ("Isolation" / "Isolation des
    Données")."""
    if same_answer(a, b):
        return True
    keys_a = {tok.key for tok in analyse(a)}
    keys_b = {tok.key for tok in analyse(b)}
    return bool(keys_a and keys_b) and (keys_a <= keys_b or keys_b <= keys_a)


def explain(result: Grade, lang: str = "fr") -> str:
    """One sentence telling the student why their answer was accepted or refused."""
    text = t(f"grade_{result.reason}", lang, expected=result.expected, given=result.given.strip())
    if result.accepted and result.matched != result.expected:
        text += " " + t("grade_matched_form", lang, matched=result.matched)
    return text
