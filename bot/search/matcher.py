"""Matching a student's question to the course: weighted concept overlap (rare concepts count
more) blended with rapidfuzz similarity to the entry's questions, then a three-way decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from rapidfuzz import fuzz

from bot.course.faq import FaqEntry
from bot.course.model import Course, SummaryItem
from bot.search.answer import ABSTAIN, ANSWER, EMPTY, SMALLTALK, SUGGEST, Answer, Ref
from bot.search.index import (
    BODY_BONUS,
    Entry,
    FaqIndex,
    bigrams,
    build_index,
)
from bot.text.lexicon import GREETING_ADDRESSEES, SMALL_TALK, SMALL_TALK_FILLER, STOP_WORDS
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
from bot.text.snippets import cut, first_sentences

WEAK_CONCEPTS = {"_how": 0.4, "_why": 0.6, COMPARE: 0.6}
CORRECTED_WEIGHT = 0.85
FUZZ_SHARE = 0.2
RERANK = 40
PAIR_WEIGHT = 0.25
# A word the course never uses is strong evidence that the question is about something else.
UNKNOWN_WEIGHT = 1.5


@dataclass(frozen=True)
class Thresholds:
    """Scores (0-100) that decide between answering, suggesting and abstaining."""

    answer: float = 22.0
    suggest: float = 17.0
    margin: float = 1.0


@dataclass(frozen=True)
class Query:
    """A question turned into weighted concepts."""

    text: str
    concepts: tuple[tuple[str, float], ...]  # (concept, weight)
    key: str  # concept string for fuzzy comparison
    pairs: tuple[str, ...] = ()  # adjacent concept pairs of the question
    corrections: tuple[tuple[str, str], ...] = ()  # (word as typed, course word read instead)


class Matcher:
    """Answers questions from one course; build once per (re)load, then call ``ask``."""

    def __init__(
        self,
        course: Course,
        synonyms: list[list[str]] | tuple = (),
        faq: list[FaqEntry] | tuple = (),
        thresholds: Thresholds | None = None,
    ) -> None:
        self.course = course
        self.normalizer = Normalizer(synonyms)
        self.index: FaqIndex = build_index(course, self.normalizer, list(faq))
        self.thresholds = thresholds or Thresholds()

    # ------------------------------------------------------------------ analysis

    def analyse(self, text: str) -> Query:
        idx, n = self.index, self.normalizer
        # A greeting, a thank-you or a number the course never uses is no sign that the
        # question is about something else: "bonjour, c koi un volume" asks about volumes.
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

    # ------------------------------------------------------------------- ranking

    def rank(
        self, query: Query, limit: int = 10, module_id: str | None = None
    ) -> list[tuple[float, int, float]]:
        """Best entries as (score 0-100, entry index, concept coverage 0-1), best first;
        only the entries of ``module_id`` when it is given."""
        idx = self.index
        if not query.concepts or not idx.entries:
            return []
        acc = np.zeros(len(idx.entries))
        denominator = 0.0
        for concept, weight in query.concepts:
            idf = idx.idf.get(concept)
            if idf is None:
                denominator += UNKNOWN_WEIGHT * weight * idx.max_idf * (1 + BODY_BONUS)
                continue
            denominator += weight * idf * (1 + BODY_BONUS)
            entries, values = idx.arrays[concept]
            acc[entries] += weight * idf * values
        if module_id is not None:
            acc *= idx.module_mask(module_id)
        matched = acc > 0
        if denominator <= 0 or not matched.any():
            return []
        # Pairs reward sections that use the question's words together; they only add.
        for pair in query.pairs:
            if pair in idx.arrays:
                entries, values = idx.arrays[pair]
                acc[entries] += PAIR_WEIGHT * idx.idf[pair] * values * matched[entries]
        count = min(RERANK, int(matched.sum()))
        top = np.argpartition(-acc, count - 1)[:count] if count < len(acc) else np.arange(len(acc))
        top = sorted((int(e) for e in top if acc[e] > 0), key=lambda e: (-acc[e], e))
        scored = []
        for e in top:
            coverage = min(1.0, float(acc[e]) / denominator)
            keys = idx.question_keys[e]
            similarity = max((fuzz.token_sort_ratio(query.key, k) for k in keys), default=0) / 100
            score = 100 * ((1 - FUZZ_SHARE) * coverage + FUZZ_SHARE * similarity * coverage**0.5)
            scored.append((score, e, coverage))
        scored.sort(key=lambda t: (-t[0], t[1]))
        return scored[:limit]

    # ------------------------------------------------------------------ answering

    def ask(self, question: str, module_id: str | None = None) -> Answer:
        """The answer, a suggestion list, small talk, or an honest abstention; with
        ``module_id``, only from that module."""
        text = strip_markup(question or "").strip()
        if not any(ch.isalnum() for ch in text):
            return Answer(question=question or "", outcome=EMPTY, example=self.example)
        if not words(text):
            # Letters of another script ("что такое контейнер"): a real question the course
            # cannot answer, worth saying so (and recording), not an empty message.
            return Answer(question=question, outcome=ABSTAIN)
        talk = smalltalk_kind(text)
        if talk:
            return Answer(question=question, outcome=SMALLTALK, smalltalk=talk)
        query = self.analyse(text)
        ranked = self.rank(query, module_id=module_id)
        if not ranked:
            return Answer(question=question, outcome=ABSTAIN)
        best_score, best, _ = ranked[0]
        entry = self.index.entries[best]
        others = [r for r in ranked[1:] if not self._related(entry, self.index.entries[r[1]])]
        runner_up = others[0][0] if others else 0.0
        t = self.thresholds
        if best_score >= t.answer and best_score - runner_up >= t.margin:
            outcome = ANSWER
        elif best_score >= t.suggest:
            outcome = SUGGEST
        else:
            outcome = ABSTAIN
        alternatives = self._alternatives(ranked, outcome)
        return self._answer(question, query, entry, best_score, outcome, alternatives)

    @cached_property
    def example(self) -> str | None:
        """A question to suggest to someone who sent nothing: the course's first short title
        (a module's or a section's) written as a question, else its first short title."""
        titles = [title for m in self.course.modules
                  for title in (m.title, *(s.title for s in m.walk())) if 0 < len(title) <= 80]
        return next((t for t in titles if t.rstrip().endswith("?")), titles[0] if titles else None)

    def _related(self, a: Entry, b: Entry) -> bool:
        """Same place, one inside the other, or the same title (a course that repeats a
        section in two lessons): not a real rival for the margin."""
        if a.key == b.key or (a.section_id and a.section_id == b.section_id):
            return True
        if fold(a.title).strip(" ?:.") == fold(b.title).strip(" ?:."):
            return True
        if a.module_id != b.module_id:
            return False
        if a.kind == "intro" or b.kind == "intro":
            return True
        return _ancestor(self.course, a.section_id, b.section_id) or _ancestor(
            self.course, b.section_id, a.section_id
        )

    def _alternatives(self, ranked: list, outcome: str) -> tuple[Ref, ...]:
        seen: set[str] = set()
        refs = []
        for score, e, _ in ranked[1:] if outcome == ANSWER else ranked:
            entry = self.index.entries[e]
            # Each TA answer of its own is a place of its own, though it has no section.
            place = entry.section_id or (entry.key if entry.kind == "faq" else entry.module_id)
            if place in seen:
                continue
            seen.add(place)
            refs.append(self._ref(entry, score))
            if len(refs) == 3:
                break
        return tuple(refs)

    @staticmethod
    def _ref(entry: Entry, score: float = 0.0) -> Ref:
        return Ref(
            module_id=entry.module_id,
            section_id=entry.section_id,
            title=entry.title,
            heading=entry.heading,
            source=f"{entry.path}:{entry.line}",
            score=round(score, 1),
            own_answer=_own_answer(entry),
            faq_id=entry.key if _own_answer(entry) else None,
        )

    def _answer(
        self,
        question: str,
        query: Query,
        entry: Entry,
        score: float,
        outcome: str,
        alternatives: tuple[Ref, ...],
    ) -> Answer:
        module = self.course.module(entry.module_id)
        short, opening = self._short(query, entry)
        return Answer(
            question=question,
            outcome=outcome,
            score=round(score, 1),
            module_id=entry.module_id or None,
            module_title=module.title if module else None,
            section_id=entry.section_id,
            title=entry.title,
            heading=entry.heading,
            short=short,
            opening=opening,
            text=cut(entry.text, 900) if entry.text else None,
            full_text=entry.text,
            source=f"{entry.path}:{entry.line}",
            alternatives=alternatives,
            related=self.related(entry),
            own_answer=_own_answer(entry),
            faq_id=entry.key if _own_answer(entry) else None,
            corrections=query.corrections if outcome in (ANSWER, SUGGEST) else (),
        )

    def _short(self, query: Query, entry: Entry) -> tuple[str | None, bool]:
        """The matching summary bullet(s), else the section's opening sentences; and whether
        it is that opening (which the text itself starts with)."""
        items = self._best_items(query, entry.summary)
        if items:
            return "\n".join(
                f"{item.term} : {item.definition}" if item.is_pair else item.text for item in items
            ), False
        if entry.text:
            return first_sentences(entry.text, 300) or None, True
        return None, False

    def _best_items(self, query: Query, items: tuple[SummaryItem, ...]) -> list[SummaryItem]:
        """Summary bullets sharing the question's concepts; two for a comparison."""
        if not items:
            return []
        wanted = {c for c, _ in query.concepts}
        scored = []
        for position, item in enumerate(items):
            concepts = set(self.normalizer.concepts(item.term or item.text))
            overlap = sum(self.index.idf.get(c, 0) for c in concepts & wanted)
            if overlap > 0:
                scored.append((-overlap, position, item))
        scored.sort(key=lambda t: (t[0], t[1]))
        count = 2 if COMPARE in wanted else 1
        chosen = sorted(scored[:count], key=lambda t: t[1])
        if not chosen and len(items) == 1:
            return [items[0]]
        return [item for _, _, item in chosen]

    def related(self, entry: Entry) -> tuple[Ref, ...]:
        """Parent, siblings and children of the entry's section, to read on."""
        course = self.course
        module = course.module(entry.module_id)
        if module is None:
            return ()
        if entry.section_id is None:
            sections = list(module.sections)
        else:
            section = course.section(entry.section_id)
            if section is None:
                return ()
            parent = course.section(section.parent_id) if section.parent_id else None
            siblings = parent.children if parent else module.sections
            sections = [*([parent] if parent else []), *siblings, *section.children]
            sections = [s for s in sections if s.id != section.id]
        return tuple(
            Ref(s.module_id, s.id, s.title, s.heading, f"{s.path}:{s.line}") for s in sections[:8]
        )


def _own_answer(entry: Entry) -> bool:
    """A TA's FAQ answer of its own, not one that sends to a section."""
    return entry.kind == "faq" and entry.section_id is None


def _unelided(word: str) -> str | None:
    """``word`` without a leading elided article or pronoun ("limage" -> "image"), if any;
    the rest must be long enough not to be a word of its own by chance ("lint" is not "int")."""
    for prefix in ("qu", "l", "d", "j", "c", "n", "s", "m", "t"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            return word[len(prefix) :]
    return None


def _ancestor(course: Course, ancestor: str | None, section_id: str | None) -> bool:
    while section_id:
        section = course.section(section_id)
        if section is None:
            return False
        if section.parent_id == ancestor:
            return True
        section_id = section.parent_id
    return False


_TALK_WORDS = {w: kind for kind, ws in SMALL_TALK.items() for w in ws}
# Said around a question rather than in it.
_COURTESY = SMALL_TALK["greeting"] | SMALL_TALK["thanks"] | SMALL_TALK["bye"]


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
