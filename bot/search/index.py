"""The FAQ index: every section becomes an entry with weighted fields of concepts.

Fields, from strongest to weakest evidence: the entry's questions (heading, generated question
forms, TA phrasings), summary terms that point to it, its context (parent and module titles),
and its body text.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.course.faq import FaqEntry
from bot.course.model import Course, Module, Section, SummaryItem
from bot.text.lexicon import HEADING_QUESTION_STARTS, STOP_WORDS
from bot.text.normalise import Normalizer, keywords, stop_word_keywords, words
from bot.text.spelling import is_word

QUESTION, TERM, CONTEXT, BODY, PAIRS = range(5)

# How much one concept found in a field says about an entry (the body counts by frequency).
STRENGTH = {QUESTION: 1.0, TERM: 0.8, CONTEXT: 0.3}
BODY_STRENGTH = 0.85
BODY_BONUS = 0.4  # body frequency on top of the best field, so the fuller section wins ties
K1, B = 0.8, 0.75
# Letters a real word must share with a course word to be read as another form of it.
PREFIX_OF_A_FORM = 5
_QUESTION_START = HEADING_QUESTION_STARTS


@dataclass(frozen=True)
class Entry:
    """One answerable unit: a section, a module's introduction, or a TA's own FAQ answer."""

    key: str
    kind: str  # "section" | "intro" | "faq"
    module_id: str
    section_id: str | None
    title: str
    heading: str
    path: str
    line: int
    text: str
    questions: tuple[str, ...]
    summary: tuple[SummaryItem, ...] = ()


@dataclass
class FaqIndex:
    """Entries, their concept fields, an inverted index and document frequencies."""

    normalizer: Normalizer
    entries: list[Entry] = field(default_factory=list)
    fields: list[tuple[Counter, ...]] = field(default_factory=list)
    body_len: list[int] = field(default_factory=list)
    postings: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    idf: dict[str, float] = field(default_factory=dict)
    surfaces: dict[str, str] = field(default_factory=dict)  # folded word -> concept
    question_keys: list[list[str]] = field(default_factory=list)  # concept strings, for fuzz
    avg_body: float = 1.0
    max_idf: float = 1.0
    arrays: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    _masks: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def add(self, entry: Entry, context: list[str], terms: list[str], body: str) -> None:
        n = self.normalizer
        qbags = [n.concepts(q) + keywords(q) or stop_word_keywords(q) for q in entry.questions]
        question = Counter(c for bag in qbags for c in set(bag))
        term = Counter(c for t in terms for c in n.concepts(t))
        ctx = Counter(c for t in context for c in n.concepts(t))
        body_words = words(body)
        body_sequence = n.concepts_of_words(body_words)
        body_concepts = Counter(body_sequence) + Counter(keywords(body))
        # Adjacent concept pairs ("volume inspect"): 2 when in a title or term, 1 in the body.
        pairs: Counter = Counter(dict.fromkeys(bigrams(body_sequence), 1))
        for sequence in [*qbags, *(n.concepts(t) for t in terms)]:
            pairs.update({p: 2 - pairs.get(p, 0) for p in bigrams(sequence) if pairs.get(p, 0) < 2})
        for w in {*body_words, *(w for q in entry.questions for w in words(q))}:
            if w not in STOP_WORDS and len(w) > 2 and not w.isdigit():
                self.surfaces.setdefault(w, n.concept(w) or w)
        idx = len(self.entries)
        self.entries.append(entry)
        self.fields.append((question, term, ctx, body_concepts, pairs))
        self.body_len.append(sum(body_concepts.values()))
        self.question_keys.append([" ".join(bag) for bag in qbags if bag])
        for concept in set(question) | set(term) | set(ctx) | set(body_concepts) | set(pairs):
            self.postings[concept].append(idx)

    def finish(self) -> None:
        """Compute document frequencies and each concept's per-entry contribution once."""
        total = max(1, len(self.entries))
        self.idf = {
            c: math.log(1 + (total - len(p) + 0.5) / (len(p) + 0.5))
            for c, p in self.postings.items()
        }
        self.max_idf = math.log(1 + (total + 0.5) / 0.5)
        self.avg_body = sum(self.body_len) / total if self.body_len else 1.0
        self._surface_list = list(self.surfaces)
        self.arrays = {c: self._contributions(c, p) for c, p in self.postings.items()}
        # The per-entry counters are folded into the arrays; keeping them would double memory.
        self.fields = []
        self.postings = {}

    def _contributions(self, concept: str, entries: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """(entry indices, evidence 0..1+BODY_BONUS) of one concept: its best field, plus body."""
        values = np.empty(len(entries), dtype=np.float64)
        for i, e in enumerate(entries):
            fields = self.fields[e]
            if " " in concept:  # a concept pair: 1 in a title or term, 0.5 in the body
                values[i] = fields[PAIRS][concept] / 2
                continue
            tf = fields[BODY].get(concept, 0)
            sat = 0.0
            if tf:
                sat = tf / (tf + K1 * (1 - B + B * self.body_len[e] / self.avg_body))
            strength = BODY_STRENGTH * sat
            for f, s in STRENGTH.items():
                if concept in fields[f] and s > strength:
                    strength = s
            values[i] = strength + BODY_BONUS * sat
        return np.asarray(entries, dtype=np.int64), values

    def module_mask(self, module_id: str) -> np.ndarray:
        """1.0 for the entries of one module, 0.0 elsewhere (cached)."""
        mask = self._masks.get(module_id)
        if mask is None:
            mask = np.array([e.module_id == module_id for e in self.entries], dtype=np.float64)
            self._masks[module_id] = mask
        return mask

    def correct(self, word: str) -> str | None:
        """The index word closest to an unknown word, within a length-aware edit distance."""
        # Short words are too often other real words ("find" is not a typo of "bind").
        if len(word) < 5 or not self.surfaces:
            return None
        limit = 1 if len(word) < 8 else 2
        found = process.extract(
            word, self._surface_list, scorer=OSA.distance, score_cutoff=limit, limit=20
        )
        if len(word) < 7:
            found = [f for f in found if f[0][0] == word[0]]
        if not found:
            return None
        # Among the nearest words, the one the course uses most is the likelier meaning.
        best = min(found, key=lambda f: (f[1], -self._frequency(f[0]), f[0]))[0]
        # A real word the course does not use is no typo ("président" is not "précédent"),
        # unless the course word is another form of it ("distingue", "distinguent").
        if is_word(word) and len(os.path.commonprefix([word, best])) < PREFIX_OF_A_FORM:
            return None
        return best

    def _frequency(self, surface: str) -> int:
        """How many entries use the concept of an index word."""
        entries = self.arrays.get(self.surfaces[surface])
        return len(entries[0]) if entries is not None else 0

    def transposed(self, word: str) -> str | None:
        """A four-letter index word that differs from ``word`` by swapped letters ("donw")."""
        if len(word) != 4 or is_word(word):
            return None
        for i in range(3):
            swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
            if swapped != word and swapped in self.surfaces:
                return swapped
        return None


def bigrams(sequence: list[str]) -> set[str]:
    """Adjacent concept pairs, as index keys (concepts never contain a space)."""
    return {f"{a} {b}" for a, b in zip(sequence, sequence[1:], strict=False) if a != b}


def question_forms(title: str) -> list[str]:
    """Question forms a student might use for a heading (beside the heading itself)."""
    ws = title.split()
    if not ws:
        return []
    first = re.sub(r"[^\w]", "", ws[0].casefold())
    forms = []
    if first not in _QUESTION_START:
        forms.append(f"Qu'est-ce que {title} ?")
        if first.endswith(("er", "ir", "re")) or first.endswith(("tion", "ment", "age")):
            forms.append(f"Comment {title[0].lower()}{title[1:]} ?")
    return forms


def _pair_targets(module: Module) -> dict[str, list[SummaryItem]]:
    """Summary items by the section that defines them: the best title match in the module."""
    sections = [s for s in module.walk() if s.id != module.summary_section_id]
    targets: dict[str, list[SummaryItem]] = defaultdict(list)
    if not sections:
        return targets
    titles = [s.title for s in sections]
    for item in module.summary:
        if not item.term:
            continue
        match = process.extractOne(item.term, titles, scorer=fuzz.token_set_ratio, score_cutoff=70)
        if match:
            targets[sections[match[2]].id].append(item)
    return targets


def build_index(course: Course, normalizer: Normalizer, faq: list[FaqEntry] = ()) -> FaqIndex:
    """Index every section and module introduction of ``course``, then the TA's FAQ entries."""
    index = FaqIndex(normalizer)
    for module in course.modules:
        targets = _pair_targets(module)
        index.add(
            Entry(
                key=module.id,
                kind="intro",
                module_id=module.id,
                section_id=None,
                title=module.title,
                heading=module.heading,
                path=module.path,
                line=module.line,
                text=module.intro,
                questions=(module.title, *question_forms(module.title)),
                summary=module.summary,
            ),
            # The lesson's terms say what it is about, but each is defined in its own section.
            context=[*module.objectives, *(it.term for it in module.summary if it.term)],
            terms=[],
            body=module.intro,
        )
        for section in module.walk():
            _add_section(index, course, module, section, targets)
    for item in faq:
        _add_faq(index, course, item)
    index.finish()
    return index


def _add_section(
    index: FaqIndex,
    course: Course,
    module: Module,
    section: Section,
    targets: dict[str, list[SummaryItem]],
) -> None:
    is_summary = section.id == module.summary_section_id
    questions = [section.title, *question_forms(section.title)]
    parents = []
    parent_id = section.parent_id
    while parent_id:
        parent = course.section(parent_id)
        if parent is None:
            break
        parents.append(parent.title)
        parent_id = parent.parent_id
    items = targets.get(section.id, [])
    # A summary term names what its section defines: it is a question the section answers.
    questions += [it.term for it in items if it.term]
    terms = [it.definition or "" for it in items]
    index.add(
        Entry(
            key=section.id,
            kind="section",
            module_id=module.id,
            section_id=section.id,
            title=section.title,
            heading=section.heading,
            path=section.path,
            line=section.line,
            text=section.text,
            questions=tuple(questions),
            summary=tuple(items) if not is_summary else module.summary,
        ),
        context=[*parents, module.title],
        terms=terms,
        body=section.text,
    )


def faq_id(question: str) -> str:
    """A FAQ entry's id, from its question as ``check`` compares questions (folded words):
    buttons and votes that name it still name it after the TA adds or moves entries, and a
    TA reads it in ``/unanswered``."""
    return "faq:" + "-".join(words(question))


def _add_faq(index: FaqIndex, course: Course, item: FaqEntry) -> None:
    target = course.section(item.section_id) if item.section_id else None
    module = course.module(item.section_id) if item.section_id and target is None else None
    module_id = (target.module_id if target else module.id if module else item.module_id) or ""
    if target is not None:
        text, title, heading = target.text, target.title, target.heading
        path, line, section_id = target.path, target.line, target.id
    elif module is not None:
        text, title, heading = module.intro, module.title, module.heading
        path, line, section_id = module.path, module.line, None
    else:
        text, title, heading = item.answer or "", item.question, item.question
        path, line, section_id = item.path, item.line, None
    index.add(
        Entry(
            key=faq_id(item.question),
            kind="faq",
            module_id=module_id,
            section_id=section_id,
            title=title,
            heading=heading,
            path=path,
            line=line,
            text=text,
            questions=(item.question, *item.alternates),
        ),
        context=[],
        terms=[],
        body=item.answer or "",
    )
