"""Quiz items generated from a course's summaries.

Each fact of a module gives several items:

- a ``**Term** : definition`` pair: multiple choice both ways, true/false (the term with its own
  or another term's definition) and a typed answer (the term blanked from its bullet);
- another summary bullet holding a key term (a command, flag, known term, code word or number):
  the term blanked, typed or chosen, and true/false with the term swapped for another;
- when a module has no pair: its sections, "which section explains this excerpt?".

Distractors come from the answer's family (commands with commands...), from the same module
first, then the rest of the course, preferring a similar length; none may be graded as the
answer, contain it or be contained in it, and one written in the prompt is a last resort.
Randomness comes only from the ``random.Random`` passed in, so a seed gives the same quiz.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from bot.course.markdown import slugify
from bot.course.model import Course, Module, Section, SummaryItem
from bot.i18n import t
from bot.quiz.grading import answer_forms, near_duplicate
from bot.quiz.items import MCQ, TRUE_FALSE, TYPED, QuizItem, Source
from bot.quiz.terms import COMMAND, FLAG, NUMBER, TERM, Found, contains, key_terms, mask, term_kind
from bot.search.text import Normalizer, fold
from bot.textcut import first_sentences

MAX_OPTIONS = 4  # 3 distractors when the course has them, never fewer than 2
OPTION_CHARS = 160  # a definition offered as an option is cut to its opening sentence
EXCERPT_CHARS = 220
# A typed answer must be short enough to type: longer terms are asked as choices only.
TYPED_MAX_WORDS, TYPED_MAX_CHARS = 4, 40
# Section titles that name no concept: never a distractor nor a key term.
GENERIC_TITLES = frozenset(
    {
        "introduction",
        "conclusion",
        "resume",
        "summary",
        "explications",
        "exemples",
        "exemples pratiques",
        "travail pratique",
        "comparaison",
        "avantages",
        "limitations",
        "bonnes pratiques",
        "pratiques recommandees",
        "exercices",
    }
)
_TITLE_MAX_WORDS = 3
# A distractor section sharing this share of an excerpt's concepts could be right too.
SECTION_OVERLAP = 0.6


def _family(kind: str) -> str:
    # Code words (FROM, API) and terms mix well as options; commands, flags and numbers do not.
    return kind if kind in (COMMAND, FLAG, NUMBER) else TERM


@dataclass(frozen=True)
class _Entry:
    """A candidate option: a term-like text or a definition, with where it comes from."""

    text: str
    family: str
    module_id: str
    partner: str = ""  # a definition's term, or a term's definition


@dataclass(frozen=True)
class _Pair:
    module_id: str
    bullet: SummaryItem
    key: str
    source: Source
    option: str  # the definition cut for use as an option


@dataclass(frozen=True)
class _Cloze:
    module_id: str
    bullet: SummaryItem
    target: Found
    key: str
    source: Source


@dataclass(frozen=True)
class _SectionFact:
    module_id: str
    section: Section
    excerpt: str
    key: str
    source: Source


def _item(
    fact: _Pair | _Cloze,
    kind: str,
    prompt: str,
    answer: str,
    options: list[str] | None = None,
    full_answer: str = "",
) -> QuizItem:
    """An item testing a summary bullet, which is its explanation."""
    return QuizItem(
        kind,
        prompt,
        answer,
        _explanation(fact.bullet),
        fact.source,
        fact.key,
        tuple(options) if options is not None else None,
        full_answer=full_answer if full_answer != answer else "",
    )


def _typeable(term: str) -> bool:
    return len(term.split()) <= TYPED_MAX_WORDS and len(term) <= TYPED_MAX_CHARS and "/" not in term


def _unique_key(base: str, used: set[str]) -> str:
    key, n = base, 2
    while key in used:
        key, n = f"{base}-{n}", n + 1
    used.add(key)
    return key


def _explanation(bullet: SummaryItem) -> str:
    # A nested bullet reads better with the heading bullet it belongs to ("Avantages — ...").
    return f"{bullet.parent} — {bullet.text}" if bullet.parent else bullet.text


class Generator:
    """Builds quiz items for one course; the facts and option pools are computed once."""

    def __init__(self, course: Course, lang: str = "fr") -> None:
        self.course = course
        self.lang = lang
        self._normalizer = Normalizer()
        self._pairs: dict[str, list[_Pair]] = {}
        self._clozes: dict[str, list[_Cloze]] = {}
        self._sections: dict[str, list[_SectionFact]] = {}
        self._terms: list[_Entry] = []
        self._definitions: list[_Entry] = []
        self._titles: dict[str, list[_Entry]] = {}  # per module, partner = section id
        self._section_concepts: dict[str, set[str]] = {}
        known = self._known_terms()
        for module in course.modules:
            self._add_module(module, known)

    # ------------------------------------------------------------------ facts and pools

    def _known_terms(self) -> list[str]:
        """Pair terms and short concept-like section titles of the whole course."""
        terms = [item.term for m in self.course.modules for item in m.pairs if item.term]
        for module in self.course.modules:
            for section in module.walk():
                if self._is_term_title(module, section):
                    terms.append(section.title)
        unique: dict[str, str] = {}
        for term in terms:
            unique.setdefault(fold(term), term)
        return list(unique.values())

    @staticmethod
    def _is_term_title(module: Module, section: Section) -> bool:
        title = section.title
        return (
            section.id != module.summary_section_id
            and len(title.split()) <= _TITLE_MAX_WORDS
            and "?" not in title
            and fold(title).strip() not in GENERIC_TITLES
        )

    def _add_module(self, module: Module, known: list[str]) -> None:
        used: set[str] = set()
        locator = _SectionLocator(module, self._normalizer)
        pairs, clozes = [], []
        for bullet in module.summary:
            if bullet.is_pair:
                term, definition = bullet.term or "", bullet.definition or ""
                option = first_sentences(definition, OPTION_CHARS)
                pair = _Pair(
                    module.id,
                    bullet,
                    _unique_key(f"{module.id}/p/{slugify(term)}", used),
                    locator.source(term, bullet.text),
                    option,
                )
                pairs.append(pair)
                self._terms.append(_Entry(term, _family(term_kind(term)), module.id, option))
                self._definitions.append(_Entry(option, TERM, module.id, term))
                # Commands, flags and numbers of a definition are options for other questions.
                self._terms.extend(
                    _Entry(f.text, f.kind, module.id)
                    for f in key_terms(definition, known)
                    if f.kind in (COMMAND, FLAG, NUMBER)
                )
                continue
            found = key_terms(bullet.text, known)
            if not found:
                continue
            target = found[0]
            clozes.append(
                _Cloze(
                    module.id,
                    bullet,
                    target,
                    _unique_key(f"{module.id}/b/{slugify(target.text)}", used),
                    locator.source(target.text, bullet.text),
                )
            )
            for extra in found:
                self._terms.append(_Entry(extra.text, _family(extra.kind), module.id))
        self._titles[module.id] = [
            _Entry(s.title, TERM, module.id, s.id)
            for s in locator.sections
            if fold(s.title).strip() not in GENERIC_TITLES
        ]
        self._section_concepts.update(
            zip((s.id for s in locator.sections), locator.concepts, strict=True)
        )
        self._terms.extend(
            _Entry(s.title, _family(term_kind(s.title)), module.id)
            for s in module.walk()
            if self._is_term_title(module, s)
        )
        self._pairs[module.id] = pairs
        self._clozes[module.id] = clozes
        self._sections[module.id] = [] if pairs else self._section_facts(module, used)

    def _section_facts(self, module: Module, used: set[str]) -> list[_SectionFact]:
        facts = []
        for section in module.walk():
            if section.id == module.summary_section_id or not section.text.strip():
                continue
            if fold(section.title).strip() in GENERIC_TITLES:
                continue
            excerpt = first_sentences(section.text, EXCERPT_CHARS)
            # Too short, or an introduction to a code block the excerpt leaves out.
            if len(excerpt) < 40 or excerpt.rstrip(" …").endswith(":"):
                continue
            facts.append(
                _SectionFact(
                    module.id,
                    section,
                    excerpt,
                    _unique_key(f"{module.id}/s/{section.id}", used),
                    _source_of(section),
                )
            )
        return facts

    # ------------------------------------------------------------------------ items

    def module_items(self, module_id: str, rng: random.Random) -> list[QuizItem]:
        """Every item of one module (an unknown id gives none), drawn with ``rng``."""
        items: list[QuizItem] = []
        for pair in self._pairs.get(module_id, []):
            items.extend(self._pair_items(pair, rng))
        for cloze in self._clozes.get(module_id, []):
            items.extend(self._cloze_items(cloze, rng))
        for fact in self._sections.get(module_id, []):
            item = self._section_item(fact, rng)
            if item:
                items.append(item)
        return items

    def course_items(self, rng: random.Random) -> list[QuizItem]:
        """Every item of every module, in course order."""
        return [item for m in self.course.modules for item in self.module_items(m.id, rng)]

    def pair_keys(self, module_id: str) -> dict[int, str]:
        """The key of each summary pair of a module, by the pair's line (for coverage checks)."""
        return {pair.bullet.line: pair.key for pair in self._pairs.get(module_id, [])}

    def _statement(self, fact: _Pair | _Cloze, statement: str, true: bool) -> QuizItem:
        """A true/false item: is ``statement`` right?"""
        options = [t("quiz_true", self.lang), t("quiz_false", self.lang)]
        prompt = t("quiz_is_it_true", self.lang, statement=statement)
        return _item(fact, TRUE_FALSE, prompt, options[0] if true else options[1], options)

    def _pair_items(self, pair: _Pair, rng: random.Random) -> list[QuizItem]:
        term = pair.bullet.term or ""
        definition = pair.bullet.definition or ""
        forms = answer_forms(term)
        masked = mask(definition, forms)
        items = []
        prompt = t("quiz_which_term", self.lang, definition=masked)
        others = self._pick(
            term,
            _family(term_kind(term)),
            pair.module_id,
            self._terms,
            rng,
            lambda e: bool(e.partner) and near_duplicate(e.partner, pair.option),
            prompt,
        )
        if len(others) >= 2:
            items.append(_item(pair, MCQ, prompt, term, self._shuffled([term, *others], rng)))

        wrong_definitions = self._pick(
            pair.option,
            TERM,
            pair.module_id,
            self._definitions,
            rng,
            lambda e: near_duplicate(e.partner, term),
        )
        if len(wrong_definitions) >= 2:
            options = [mask(o, forms) for o in [pair.option, *wrong_definitions]]
            if not _any_clash(options):
                prompt = t("quiz_which_definition", self.lang, term=term)
                whole = " ".join(masked.split())  # the option may be its opening only
                shuffled = self._shuffled(options, rng)
                items.append(_item(pair, MCQ, prompt, options[0], shuffled, whole))

        # Both sides use an opening sentence: a longer true statement would give itself away.
        if wrong_definitions and rng.random() < 0.5:
            wrong = mask(rng.choice(wrong_definitions), forms)
            items.append(self._statement(pair, f"{term} : {wrong}", False))
        else:
            items.append(self._statement(pair, f"{term} : {pair.option}", True))

        if _typeable(term):
            prompt = t("quiz_type_term", self.lang, definition=masked)
            items.append(_item(pair, TYPED, prompt, term))
        return items

    def _cloze_items(self, cloze: _Cloze, rng: random.Random) -> list[QuizItem]:
        answer = cloze.target.text
        sentence = cloze.bullet.text
        forms = answer_forms(answer)
        blanked = mask(sentence, forms)
        items = []
        others = self._pick(
            answer,
            _family(cloze.target.kind),
            cloze.module_id,
            self._terms,
            rng,
            lambda e: False,
            blanked,
        )
        if len(others) >= 2:
            prompt = t("quiz_fill_choice", self.lang, sentence=blanked)
            items.append(_item(cloze, MCQ, prompt, answer, self._shuffled([answer, *others], rng)))
        # Swapping a command, flag or number keeps a plausible sentence; swapping a name for
        # another term mostly makes nonsense, an easy "false".
        if others and _family(cloze.target.kind) != TERM:
            if rng.random() < 0.5:
                swapped = mask(sentence, forms, rng.choice(others))
                items.append(self._statement(cloze, swapped, False))
            else:
                items.append(self._statement(cloze, sentence, True))
        if _typeable(answer):
            prompt = t("quiz_fill_typed", self.lang, sentence=blanked)
            items.append(_item(cloze, TYPED, prompt, answer))
        return items

    def _section_item(self, fact: _SectionFact, rng: random.Random) -> QuizItem | None:
        title = fact.section.title
        excerpt = mask(fact.excerpt, answer_forms(title))
        prompt = t("quiz_which_section", self.lang, module=fact.module_id, excerpt=excerpt)
        wanted = set(self._normalizer.concepts(fact.excerpt))

        def ambiguous(entry: _Entry) -> bool:
            # A section holding this one, or saying most of the excerpt too, would be right too.
            shared = wanted & self._section_concepts[entry.partner]
            return len(shared) >= SECTION_OVERLAP * len(wanted) or self._nested(
                entry.partner, fact.section.id
            )

        others = self._pick(
            title, TERM, fact.module_id, self._titles[fact.module_id], rng, ambiguous, excerpt
        )
        if len(others) < 2:
            return None
        explanation = f"[{fact.section.id}] {title} — {fact.excerpt}"
        return QuizItem(
            MCQ,
            prompt,
            title,
            explanation,
            fact.source,
            fact.key,
            tuple(self._shuffled([title, *others], rng)),
        )

    # ------------------------------------------------------------------- distractors

    def _nested(self, a: str, b: str) -> bool:
        """True when section ``a`` holds section ``b`` or the other way round."""

        def ancestors(section_id: str) -> set[str]:
            found = set()
            section = self.course.section(section_id)
            while section is not None and section.parent_id:
                found.add(section.parent_id)
                section = self.course.section(section.parent_id)
            return found

        return a in ancestors(b) or b in ancestors(a)

    @staticmethod
    def _shuffled(options: list[str], rng: random.Random) -> list[str]:
        options = list(options)
        rng.shuffle(options)
        return options

    @staticmethod
    def _pick(
        answer: str,
        family: str,
        module_id: str,
        pool: list[_Entry],
        rng: random.Random,
        reject: Callable[[_Entry], bool],
        shown: str = "",
    ) -> list[str]:
        """Up to ``MAX_OPTIONS - 1`` distractors for ``answer``: its family, this module
        first, then the course; near its length, with some chance so seeds differ. ``reject``
        rules a candidate out; one already written in ``shown`` (the prompt) is taken last,
        since a student can rule it out for being there."""
        chosen: list[str] = []
        size = max(len(answer), 1)
        family_pool = [e for e in pool if e.family == family]
        tiers = []
        for same_module in (True, False):
            tier = [e for e in family_pool if (e.module_id == module_id) == same_module]
            tiers.append(
                sorted(tier, key=lambda e: abs(len(e.text) - size) / size + rng.random() * 0.5)
            )
        # Whether the prompt shows a candidate is looked up lazily: a few candidates are
        # usually enough, and the look-up is what a whole-course quiz spent its time on.
        shown_later: list[list[_Entry]] = [[], []]
        for visible in (False, True):
            for position, ranked in enumerate(tiers):
                for entry in ranked if not visible else shown_later[position]:
                    if len(chosen) == MAX_OPTIONS - 1:
                        return chosen
                    if not visible and shown and contains(shown, entry.text):
                        shown_later[position].append(entry)
                        continue
                    if near_duplicate(entry.text, answer) or any(
                        near_duplicate(entry.text, c) for c in chosen
                    ):
                        continue
                    if reject(entry):
                        continue
                    chosen.append(entry.text)
        return chosen


def _any_clash(options: list[str]) -> bool:
    return any(near_duplicate(a, b) for i, a in enumerate(options) for b in options[i + 1 :])


def _source_of(section: Section) -> Source:
    return Source(section.module_id, section.id, section.title, f"{section.path}:{section.line}")


class _SectionLocator:
    """Finds the section a summary bullet comes from, so a student knows what to reread."""

    def __init__(self, module: Module, normalizer: Normalizer) -> None:
        self.module = module
        self.normalizer = normalizer
        self.sections = [s for s in module.walk() if s.id != module.summary_section_id]
        self.concepts = [
            set(normalizer.concepts(f"{s.title} {s.title} {s.text}")) for s in self.sections
        ]

    def source(self, term: str, text: str) -> Source:
        """The section titled by ``term``; else the one sharing most concepts with ``text``;
        else the summary itself."""
        term_concepts = set(self.normalizer.concepts(term))
        titled = [
            (len(self.normalizer.concepts(s.title)), i)
            for i, s in enumerate(self.sections)
            if term_concepts and term_concepts <= set(self.normalizer.concepts(s.title))
        ]
        if titled:
            return _source_of(self.sections[min(titled)[1]])
        wanted = set(self.normalizer.concepts(text))
        scored = [(len(wanted & c), -i) for i, c in enumerate(self.concepts)]
        if scored and max(scored)[0] > 0:
            return _source_of(self.sections[-max(scored)[1]])
        summary = self.module.summary_section_id
        section = next((s for s in self.module.walk() if s.id == summary), None)
        if section is not None:
            return _source_of(section)
        return Source(
            self.module.id, None, self.module.title, f"{self.module.path}:{self.module.line}"
        )
