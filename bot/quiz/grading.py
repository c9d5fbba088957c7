"""Grading of typed answers: forgiving on form, strict on meaning.

Case, accents, punctuation, articles, plurals and spacing never matter; a small typo is
accepted within a bound that grows with the word's length; technical tokens (commands, flags,
numbers, ports) must match exactly, since one character there makes another command. A word in
capitals is a word: SQL writes its keywords so, and "ROLLBAK" is a typo like "rollbak".

With the course's :class:`Vocabulary`, the distinctive part of a multi-word answer is enough
("conteneur" for "Conteneur Docker" in a Docker course) when what is left out is the course's
subject, or the head it shares with a sibling term ("tmpfs" for "Tmpfs Mounts" beside "Bind
Mounts"), and only when no other term of the course holds that part. Every grade says why, so a
student knows what was expected.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

from bot.i18n import t
from bot.text.lexicon import ELISIONS, STOP_WORDS

if TYPE_CHECKING:
    from bot.course.model import Course

MAX_ANSWER_CHARS = 500  # a longer answer is cut: grading must stay cheap on any input

# Reasons, from the best accepted to the rejections.
EXACT, NORMALIZED, TYPO, SYNONYM, DISTINCTIVE = (
    "exact",
    "normalized",
    "typo",
    "synonym",
    "distinctive",
)
EMPTY, TECHNICAL, OPPOSITE, OTHER_TERM, INCOMPLETE, DIFFERENT = (
    "empty",
    "technical",
    "opposite",
    "other_term",
    "incomplete",
    "different",
)
ACCEPTED_REASONS = (EXACT, NORMALIZED, TYPO, SYNONYM, DISTINCTIVE)

ARTICLES = frozenset(
    {"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "the", "a", "an"}
)
# Command-line tools: an answer starting with one, written as in a shell (lower case), is a
# command, compared token by token; "Docker Hub" names a product.
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
# A short word in capitals with at most one vowel is initials (HTTPS, RDBMS, SGBD): one letter
# more or less is another name, so it has no room for a typo, and its final S is no plural.
# INNER, WHERE or ROLLBACK are words, typed with the same tolerance as any other.
ACRONYM_MAX_CHARS = 5
_VOWELS = set("AEIOUY")
# A word in more than this share of the module titles (of at least that many modules) is the
# course's subject: "Conteneur Docker" is the conteneur of a Docker course.
SUBJECT_SHARE, SUBJECT_MIN_MODULES = 0.5, 3
# A section title this short names a notion, as a summary term does ("Bind Mounts").
TERM_TITLE_MAX_WORDS = 3

_QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "´": "'", "`": " ", "«": " ", "»": " ", "“": " ", "”": " ", "\u00a0": " "}
)
_ELISION = re.compile(r"(?i)\b(?:" + "|".join(ELISIONS) + ")'")
# A flag (-p, --mount), or a word whose inner . : / _ + # = @ ~ - are kept (v1.0, 80:80, a_b).
_TOKEN = re.compile(r"--?[^\W_][\w.-]*|\w+(?:[.:/+#=@~-]+\w+)*[+#]*")
_PARENS = re.compile(r"\s*\(([^()]*)\)")
# "fichier docker-compose.yaml", "la commande git log": a word naming what kind of thing the
# technical token after it is; the token alone names it as well.
_KIND_WORDS = (
    "fichier|file|commande|command|option|flag|dossier|folder|repertoire|directory"
    "|instruction|variable|extension|script"
)
_KIND_THEN_TOKEN = re.compile(
    rf"^(?:(?:le|la|l'|un|une|the|a|an)\s*)?(?:{_KIND_WORDS})s?\s+(?P<token>\S.*)$", re.I)
_TECHNICAL = re.compile(r"[./_\-]")
_TECH_CHARS = set(".:/_+#=@~")


@dataclass(frozen=True)
class Grade:
    """How one answer was graded: accepted or not, why, and against which expected form."""

    accepted: bool
    reason: str  # one of the reasons above
    expected: str  # the main expected answer
    matched: str  # the form the answer was compared with (an accepted answer, or expected)
    given: str
    edits: int = 0  # typo corrections counted when the answer was accepted despite a typo

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
    word: str  # folded; a flag keeps its case
    key: str  # the compared form: the word without its plural ending
    technical: bool
    acronym: bool  # a short word in capitals: no typo, and its final S is kept


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_technical(raw: str, command: bool) -> bool:
    return (
        command
        or raw.startswith("-")
        or any(c.isdigit() for c in raw)
        or any(c in _TECH_CHARS for c in raw)
    )


def _token(raw: str, command: bool) -> _Token:
    technical = _is_technical(raw, command)
    word = raw if raw.startswith("-") else raw.casefold()  # -p and -P are different flags
    key = word
    if not technical and len(word) > 3 and word[-1] in "sx":
        key = word[:-1]  # plural: volume(s), réseau(x)
    acronym = (
        raw.isupper() and len(raw) <= ACRONYM_MAX_CHARS and sum(c in _VOWELS for c in raw) <= 1
    )
    return _Token(word, key, technical, acronym)


def _raw_tokens(text: str) -> list[str]:
    clean = _strip_accents(text[:MAX_ANSWER_CHARS].translate(_QUOTES))
    return _TOKEN.findall(_ELISION.sub(" ", clean))


def _starts_command(raws: list[str]) -> bool:
    # Case-sensitive: a shell command is typed in lower case, a product name is capitalised.
    return bool(raws) and raws[0] in CLI_TOOLS


@lru_cache(maxsize=8192)
def analyse(text: str, command: bool | None = None) -> tuple[_Token, ...]:
    """The compared tokens of an answer, read as a command line when ``command`` is true (by
    default when it starts with a tool name in lower case). Cached: distractor checks grade
    many pairs."""
    raws = _raw_tokens(text)
    if command is None:
        command = _starts_command(raws)
    if not command:
        kept = [r for r in raws if r.casefold() not in ARTICLES]
        raws = kept or raws  # an answer made only of articles keeps them
    return tuple(_token(r, command) for r in raws)


def is_command(text: str) -> bool:
    """A command line or an option ("docker compose up", "-d"), which must match exactly."""
    raws = _raw_tokens(text)
    return _starts_command(raws) or (bool(raws) and raws[0].startswith("-"))


def _compact(tokens: Sequence[_Token]) -> str:
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
    """``expected`` and its short forms: "Machines Virtuelles (VM)" -> also the name, and "VM";
    "fichier docker-compose.yaml" -> also "docker-compose.yaml"."""
    forms = [expected]
    kind = _KIND_THEN_TOKEN.match(_fold_kind(expected.strip()))
    if kind:
        token = expected.strip()[kind.start("token"):].strip()
        if is_command(token) or (" " not in token and _TECHNICAL.search(token)):
            forms.append(token)
    if "(" in expected:
        bare = _PARENS.sub("", expected).strip()
        if bare and bare != expected:
            forms.append(bare)
        for inner in _PARENS.findall(expected):
            inner = inner.strip()
            if inner.isupper() and inner.isalnum() and 2 <= len(inner) <= 6:
                forms.append(inner)  # an acronym names the thing as well as its full name
    return forms


def _fold_kind(text: str) -> str:
    """``text`` without accents, the same length, for matching the kind words."""
    return "".join(unicodedata.normalize("NFKD", ch)[0] for ch in text)


def _close(want: str, got: str) -> bool:
    """A technical token one or two characters away: "push" for "pull", "8081" for "8080"."""
    return OSA.distance(want, got) <= max(2, len(want) // 2)


def _keeps_acronyms(expected: Sequence[_Token], given: Sequence[_Token]) -> bool:
    """True unless an acronym's final S went missing: "HTTP" is not "HTTPS"."""
    typed = {tok.word for tok in given}
    return all(tok.word in typed for tok in expected if tok.acronym and tok.word != tok.key)


def _compare_sequences(
    expected: tuple[_Token, ...], given_tokens: tuple[_Token, ...]
) -> tuple[str, int]:
    """(reason, edits) of two token sequences; NORMALIZED when they read the same."""
    same = len(expected) == len(given_tokens) and all(
        w.key == g.key for w, g in zip(expected, given_tokens, strict=True)
    )
    if (same or _compact(expected) == _compact(given_tokens)) and _keeps_acronyms(
        expected, given_tokens
    ):
        return NORMALIZED, 0
    if len(expected) != len(given_tokens):
        # "docker ps" for "docker ps -a": same start, a technical token missing or added.
        short, long = sorted((expected, given_tokens), key=len)
        extra = long[len(short) :]
        if [t.key for t in long[: len(short)]] == [t.key for t in short] and all(
            t.technical for t in extra
        ):
            return TECHNICAL, 0
        if given_tokens and {t.key for t in given_tokens} < {t.key for t in expected}:
            return INCOMPLETE, 0  # "docker" for "Docker Hub"
        return DIFFERENT, 0
    return _compare_tokens(expected, given_tokens)


def _compare_tokens(expected: Sequence[_Token], given_tokens: Sequence[_Token]) -> tuple[str, int]:
    """(reason, edits) of two answers of as many tokens, token by token."""
    edits, technical_miss, other_miss = 0, False, False
    for want, got in zip(expected, given_tokens, strict=True):
        if want.key == got.key and (want.word == got.word or not want.acronym):
            continue
        if want.technical:
            if _close(want.key, got.key):
                technical_miss = True
            else:
                other_miss = True
            continue
        if _opposite(want.key, got.key):
            return OPPOSITE, 0
        if want.acronym:
            other_miss = True  # HTTPS: a letter more or less is another name
            continue
        # The length of the word as written: "Nginx" has room for "nginix".
        bound = typo_bound(len(want.word))
        distance = min(
            OSA.distance(want.word, got.word, score_cutoff=bound + 1),
            OSA.distance(want.key, got.key, score_cutoff=bound + 1),
        )
        if distance > bound:
            other_miss = True
        else:
            edits += distance
    if other_miss:
        return DIFFERENT, 0
    if technical_miss:
        return TECHNICAL, 0
    if edits > typo_bound(sum(len(tok.word) for tok in expected)):
        return DIFFERENT, 0
    return TYPO, edits


def _compare(form: str, given: str) -> tuple[str, int]:
    """(reason, edits) of ``given`` against one expected form, read as the form is (a command
    line or prose)."""
    expected = analyse(form)
    if not expected:
        return DIFFERENT, 0
    command = _starts_command(_raw_tokens(form))
    reason, edits = _compare_sequences(expected, analyse(given, command))
    if reason == NORMALIZED and form.strip().casefold() == given.strip().casefold():
        return EXACT, 0  # exact up to case only; the tokens decided first, since -P is not -p
    return reason, edits


@dataclass(frozen=True)
class Vocabulary:
    """What a course's terms share, for accepting the distinctive part of an answer.

    ``subject`` holds the words of most module titles (the course's subject: "docker");
    ``terms`` the course's terms and quiz answers as word keys, without those words and with
    each one-word synonym read as its group's first one-word term (``synonyms``).
    """

    subject: frozenset[str] = frozenset()
    terms: frozenset[tuple[str, ...]] = frozenset()
    synonyms: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        titles: Iterable[str],
        terms: Iterable[str],
        synonym_groups: Iterable[Sequence[str]] = (),
    ) -> Vocabulary:
        """The vocabulary of a course from its module ``titles``, its ``terms`` and the
        groups of its ``synonyms.yaml``."""
        canonical: dict[str, str] = {}
        for group in synonym_groups:
            keys = [tokens[0].key for term in group if len(tokens := analyse(term, False)) == 1]
            for key in keys:
                canonical.setdefault(key, keys[0])
        titles = list(titles)
        counts = Counter(
            key
            for title in titles
            for key in {canonical.get(tok.key, tok.key) for tok in analyse(title, False)}
        )
        subject = frozenset(
            key
            for key, count in counts.items()
            if len(titles) >= SUBJECT_MIN_MODULES
            and count > SUBJECT_SHARE * len(titles)
            and key not in STOP_WORDS
        )
        base = cls(subject, synonyms=canonical)
        concepts = {base._concept(analyse(term)) for term in terms if not is_command(term)}
        return replace(base, terms=frozenset(c for c in concepts if c))

    @classmethod
    def from_course(
        cls,
        course: Course,
        answers: Iterable[str] = (),
        synonym_groups: Iterable[Sequence[str]] = (),
    ) -> Vocabulary:
        """The vocabulary of ``course``: its module titles, its summary terms, its short
        section titles (the quizzes' options), other short ``answers`` (a ``quiz.yaml``'s:
        an option that is a sentence names no term) and its synonym groups."""
        terms = [item.term for m in course.modules for item in m.pairs if item.term]
        terms += [
            s.title
            for m in course.modules
            for s in m.walk()
            if "?" not in s.title and len(s.title.split()) <= TERM_TITLE_MAX_WORDS
        ]
        terms += [a for a in answers if len(a.split()) <= TERM_TITLE_MAX_WORDS]
        return cls.build((m.title for m in course.modules), terms, synonym_groups)

    def _key(self, tok: _Token) -> str:
        return self.synonyms.get(tok.key, tok.key)

    def _core(self, tokens: Sequence[_Token]) -> tuple[_Token, ...]:
        return tuple(tok for tok in tokens if self._key(tok) not in self.subject)

    def _concept(self, tokens: Sequence[_Token]) -> tuple[str, ...]:
        return tuple(self._key(tok) for tok in self._core(tokens) or tokens)

    def _sibling_differs_at(self, concept: tuple[str, ...], position: int) -> bool:
        """True when another term reads as ``concept`` but for the word at ``position``
        ("Bind Mounts" beside "Tmpfs Mounts"): the other words are their shared head."""
        return any(
            len(term) == len(concept)
            and term[position] != concept[position]
            and all(
                a == b for i, (a, b) in enumerate(zip(term, concept, strict=True)) if i != position
            )
            for term in self.terms
        )

    def _held_elsewhere(self, part: set[str], concept: tuple[str, ...]) -> str | None:
        """OTHER_TERM when ``part`` is another term, INCOMPLETE when another term holds it
        without holding all of ``concept`` ("isolation": "Isolation", or "Isolation des
        Données"), else None."""
        whole = set(concept)
        found = None
        for term in self.terms:
            if part <= set(term) and not whole <= set(term):
                if set(term) == part:
                    return OTHER_TERM
                found = INCOMPLETE
        return found

    def short_match(
        self, expected: tuple[_Token, ...], given_tokens: tuple[_Token, ...]
    ) -> tuple[str, int] | None:
        """(reason, edits) of ``given_tokens`` read as the distinctive part of ``expected``:
        DISTINCTIVE, or why that part does not do; None when it is no part of it."""
        core = self._core(expected)
        rest = self._core(given_tokens)
        if not core:
            return None  # the expected answer is the subject itself
        if not rest:
            return INCOMPLETE, 0  # "docker" for "Docker Hub"
        concept = tuple(self._key(tok) for tok in core)
        # The answer without its subject words, then, in a term of several words, each word
        # that tells it from a sibling term.
        parts = [core] if len(core) < len(expected) or len(rest) < len(given_tokens) else []
        if len(core) > 1:
            parts += [(tok,) for i, tok in enumerate(core) if self._sibling_differs_at(concept, i)]
        for part in parts:
            reason, edits = _compare_sequences(part, rest)
            if reason not in (NORMALIZED, TYPO):
                continue
            refused = self._held_elsewhere({self._key(tok) for tok in part}, concept)
            if refused:
                return refused, 0
            return DISTINCTIVE, edits
        return None


def _rank(reason: str, edits: int) -> tuple[bool, int, int]:
    # Without a typo, a synonym beats a typo on the answer; with one, the answer comes first:
    # "innner join" is a typo of "INNER JOIN", not of the synonym "inner joins".
    return edits > 0, ACCEPTED_REASONS.index(reason), edits


_REJECTION_RANK = {TECHNICAL: 0, OPPOSITE: 1, OTHER_TERM: 2, INCOMPLETE: 3, DIFFERENT: 4}


def grade(
    expected: str,
    given: str,
    accepted: Sequence[str] = (),
    *,
    synonyms: Sequence[str] = (),
    vocabulary: Vocabulary | None = None,
) -> Grade:
    """Grade the typed answer ``given`` against ``expected`` and other ``accepted`` answers.

    ``synonyms`` are ``expected`` with a term swapped for another of its synonym group: they
    are accepted as the others, but explained as synonyms and never shown, since nobody wrote
    them. With the course's ``vocabulary``, the distinctive part of the answer is enough.
    Never raises: any text gets a grade. The best match wins: without a typo before with one,
    then exact, normalised, typo, synonym, distinctive part, then the fewest typos, then the
    first form. A rejection keeps the most telling reason (a technical token, an opposite,
    another term, a part that is not enough, or simply a different answer).
    """
    given = given or ""
    if not analyse(given):
        return Grade(False, EMPTY, expected, expected, given)
    forms = [(form, False) for answer in (expected, *accepted) for form in answer_forms(answer)]
    forms += [(form, True) for answer in synonyms for form in answer_forms(answer)]
    best: Grade | None = None
    rejection = (DIFFERENT, expected)
    for form, synonym in forms:
        reason, edits = _compare(form, given)
        if reason not in ACCEPTED_REASONS and vocabulary is not None and not is_command(form):
            short = vocabulary.short_match(analyse(form), analyse(given, False))
            if short is not None and (
                short[0] in ACCEPTED_REASONS or _REJECTION_RANK[short[0]] < _REJECTION_RANK[reason]
            ):
                reason, edits = short
        if synonym and reason in (EXACT, NORMALIZED, TYPO):
            reason = SYNONYM
        if reason in ACCEPTED_REASONS:
            if best is None or _rank(reason, edits) < _rank(best.reason, best.edits):
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
    if is_command(option):
        return False
    wanted, given_tokens = analyse(option), analyse(given, False)
    if not wanted or not given_tokens:
        return False
    size = len(given_tokens)
    return any(
        _compare_sequences(wanted[start : start + size], given_tokens)[0] in (NORMALIZED, TYPO)
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
    given = result.given.strip()
    values = {"expected": result.expected, "given": given}
    if result.reason in (EXACT, NORMALIZED) and result.matched != result.expected:
        # Another accepted answer, read as typed: its case or articles are not the point.
        return t("grade_alternative", lang, **values)
    if result.reason in (SYNONYM, DISTINCTIVE) and result.edits:
        # The misspelt answer is not repeated back as a synonym or as enough.
        return t(f"grade_{result.reason}_typo", lang, **values)
    text = t(f"grade_{result.reason}", lang, **values)
    if result.reason == TYPO and result.matched != result.expected:
        text += " " + t("grade_matched_form", lang, matched=result.matched)
    return text
