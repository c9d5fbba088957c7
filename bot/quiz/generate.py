"""Quiz items generated from a course's summaries.

Each fact of a module gives several items:

- a ``**Term** : definition`` pair: multiple choice both ways, true/false (the term with its own
  or another term's definition) and a typed answer (the term blanked from its bullet);
- another summary bullet holding a key term (a command, flag, known term, code word or number):
  the term blanked, typed or chosen, and true/false with the term swapped for another;
- when a module has no pair: its sections, "which section explains this excerpt?".

A pair whose term is a heading word ("Bonnes pratiques", "Utilisations") is asked as a plain
bullet, its definition alone; bullets and sections under an example or exercise heading
describe that example only and are neither asked nor offered. A hidden term hides its synonyms
too. A blank is asked in the sentence that holds it, and a definition
shown in a prompt is cut to its opening sentences.

Distractors come from the answer's family (commands with commands...), from the same module
first, then the rest of the course, preferring a similar length. None may name the same thing
as the answer (graded as it, a synonym, a shared short form, containing it or contained in it)
nor be a section title the summaries do not use as a term; a term written in a definition is
never offered for it, and a
definition that mentions a term (or a telling word of it) is never offered as that term's:
it would be right too, or its masked blank would give it away. Typed answers are kept for
short terms and commands, which a student can produce.
Randomness comes only from the ``random.Random`` passed in, so a seed gives the same quiz.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from bot.course.markdown import slugify
from bot.course.model import Course, Module, Section, SummaryItem
from bot.i18n import t
from bot.quiz.grading import answer_forms, near_duplicate
from bot.quiz.items import MCQ, TRUE_FALSE, TYPED, QuizItem, Source
from bot.quiz.terms import (
    COMMAND,
    FLAG,
    NUMBER,
    TERM,
    Found,
    Synonyms,
    contains,
    key_terms,
    kin_words,
    mask,
    share_a_name,
    synonym_variants,
    term_kind,
)
from bot.text.lexicon import STOP_WORDS
from bot.text.normalise import Normalizer, fold, words
from bot.text.snippets import first_sentences
from bot.text.wordlists import word_set

MAX_OPTIONS = 4  # 3 distractors when the course has them, never fewer than 2
OPTION_CHARS = 160  # a definition offered as an option is cut to its opening sentence
# A definition shown in a prompt is cut to its opening sentences, as long as a question reads.
PROMPT_CHARS = 250
EXCERPT_CHARS = 220
WHOLE_CHARS = 1_000_000  # an export's limit: no summary bullet is this long, so none is cut
# A typed answer must be one a student can produce: a command within these bounds, or a term
# of at most two words with no linking word ("Clé primaire", not "Gestion des Versions").
TYPED_MAX_WORDS, TYPED_MAX_CHARS = 4, 40
TYPED_TERM_WORDS = 2
# A word found in more than this share of a course's summary bullets ("docker" in a Docker
# course) tells no term apart: a definition may mention it and still be another term's.
COMMON_SHARE, COMMON_MIN = 0.2, 3  # ...and in more than this many (a small course)
# Words of headings that name no concept (singular, folded): a label made only of these and
# linking words ("Bonnes pratiques", "Création et utilisation", "Exemples") is never an answer,
# a distractor nor a key term.
HEADING_WORDS = word_set("quiz", "heading_words")  # bot/text/words/quiz.yaml
# A bullet under a heading holding one of these describes that example or exercise only
# ("API : Connectée à PostgreSQL"), not a fact of the course: it is not asked.
EXAMPLE_WORDS = word_set("quiz", "example_words")
_TITLE_MAX_WORDS = 3
# A distractor section sharing this share of an excerpt's concepts could be right too.
SECTION_OVERLAP = 0.6
_LIST_MARKER = re.compile(r"(?m)^\s*(?:[-*+]|\d+[.)])\s+")
# Where a sentence ends: its punctuation, then a capital (or a quote, a backtick...) opens the
# next one; "docker build -t app:v1.0 ." is no sentence end.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[^\w\s]?[A-ZÀ-Ý])")
# A definition opening on a verb with no subject ("Incluent la surveillance...", "Se font
# via...") only reads after its label: without a term to ask, it says nothing on its own.
# French third-person plural verbs end in -ent, adverbs in -ment are not verbs.
_SUBJECTLESS = re.compile(r"^(?:se\b|s'|\w*(?<!m)ent\b)", re.IGNORECASE)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _label_words(label: str) -> list[str]:
    """The folded words of a label, without linking words, plurals made singular."""
    return [_singular(w) for w in words(label) if w not in STOP_WORDS]


def generic_label(label: str) -> bool:
    """True when ``label`` is a heading that names no concept ("Bonnes pratiques",
    "Utilisations", "Création et utilisation"): it cannot be a quiz answer. A command or a
    code word ("WHERE") is never one, even when it is also a common word."""
    kept = _label_words(label)
    return term_kind(label) == TERM and bool(kept) and all(w in HEADING_WORDS for w in kept)


def _about_example(parent: str | None) -> bool:
    return bool(parent) and any(w in EXAMPLE_WORDS for w in _label_words(parent or ""))


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
    shown: str  # the definition cut for use in a prompt


@dataclass(frozen=True)
class _Cloze:
    module_id: str
    bullet: SummaryItem
    sentence: str  # the sentence holding the blank, of the bullet or a heading pair's definition
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
    topic: str = "",
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
        topic=topic if topic != answer else "",
    )


def _typeable(term: str) -> bool:
    """Whether a student can be asked to type ``term``: a short command, flag, number or code
    word, or a term of at most two words with no linking word; never a heading-like label."""
    if len(term) > TYPED_MAX_CHARS or "/" in term or len(term.split()) > TYPED_MAX_WORDS:
        return False
    if term_kind(term) != TERM or term.isupper():
        return True  # "ORDER BY" is a keyword, typed as written
    bare = re.sub(r"\([^()]*\)", " ", term)  # "Machines Virtuelles (VM)": the name's words
    return (
        len(bare.split()) <= TYPED_TERM_WORDS
        and not any(w in STOP_WORDS for w in words(bare))
        and not generic_label(term)
    )


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
    """Builds quiz items for one course; the facts and option pools are computed once.

    ``synonyms`` are the course's synonym groups: a distractor may not be a synonym of the
    answer. ``whole`` keeps definitions uncut in options and prompts, for an export read
    outside the bot (Moodle shows what it imports: a cut option would read as a broken one).
    """

    def __init__(
        self, course: Course, lang: str = "fr", synonyms: Synonyms = (), *, whole: bool = False
    ) -> None:
        self.course = course
        self.lang = lang
        self.synonyms = synonyms
        self._option_chars = WHOLE_CHARS if whole else OPTION_CHARS
        self._prompt_chars = WHOLE_CHARS if whole else PROMPT_CHARS
        self._normalizer = Normalizer()
        self._pairs: dict[str, list[_Pair]] = {}
        self._clozes: dict[str, list[_Cloze]] = {}
        self._sections: dict[str, list[_SectionFact]] = {}
        self._skipped: dict[str, dict[int, str]] = {}
        self._terms: list[_Entry] = []
        self._definitions: list[_Entry] = []
        self._titles: dict[str, list[_Entry]] = {}  # per module, partner = section id
        self._section_concepts: dict[str, set[str]] = {}
        self._common = self._common_words()
        known = self._known_terms()
        for module in course.modules:
            self._add_module(module, known)
        self._terms = _one_per_name(self._terms)

    # ------------------------------------------------------------------ facts and pools

    def _common_words(self) -> frozenset[str]:
        """Words found in too many summary bullets to tell one term from another."""
        bullets = [b.definition or b.text for m in self.course.modules for b in m.summary]
        counts = Counter(w for text in bullets for w in set(_label_words(text)))
        least = max(COMMON_SHARE * len(bullets), COMMON_MIN)
        return frozenset(w for w, n in counts.items() if n > least)

    def _known_terms(self) -> list[str]:
        """Pair terms and short concept-like section titles of the whole course."""
        terms = [
            item.term
            for m in self.course.modules
            for item in m.pairs
            if item.term and not generic_label(item.term) and not _about_example(item.parent)
        ]
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
            and not generic_label(title)
        )

    def _add_module(self, module: Module, known: list[str]) -> None:
        used: set[str] = set()
        skipped: dict[int, str] = {}
        locator = _SectionLocator(module, self._normalizer)
        pairs, clozes = [], []
        asked: list[str] = []  # answers of this module's facts so far, to vary clozes
        for bullet in module.summary:
            # A paragraph right under the list, with no blank line, is glued by Markdown onto
            # the last bullet: of that one, only the opening sentence is the bullet's own.
            glued = bullet is module.summary[-1]
            if _about_example(bullet.parent):
                skipped[bullet.line] = f"under the example heading {bullet.parent!r}"
                continue
            if bullet.is_pair and generic_label(bullet.term or ""):
                skipped[bullet.line] = f"{bullet.term!r} is a heading, not a term"
                if _SUBJECTLESS.match(bullet.definition or ""):
                    continue
            elif bullet.is_pair:
                pair = self._pair(module, bullet, used, known, locator, glued)
                pairs.append(pair)
                asked.append(pair.bullet.term or "")
                continue
            # A heading pair's definition stands alone: "Utilisations : Docker est utilisé...".
            text = (bullet.definition if bullet.is_pair else bullet.text) or ""
            sentences = _sentences(text)[:1] if glued else _sentences(text)
            found = key_terms(" ".join(sentences), known)
            if not found:
                continue
            # A term this module already asks about is a last choice: another one of the
            # bullet gives the quiz one more thing to ask.
            target = next((f for f in found if not self._asked(f.text, asked)), found[0])
            asked.append(target.text)
            clozes.append(
                _Cloze(
                    module.id,
                    bullet,
                    _sentence_at(sentences, target.start),
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
            if not generic_label(s.title) and not self._in_example(s)
        ]
        self._section_concepts.update(
            zip((s.id for s in locator.sections), locator.concepts, strict=True)
        )
        self._pairs[module.id] = pairs
        self._clozes[module.id] = clozes
        self._skipped[module.id] = skipped
        self._sections[module.id] = [] if pairs else self._section_facts(module, used)

    def _pair(
        self,
        module: Module,
        bullet: SummaryItem,
        used: set[str],
        known: list[str],
        locator: _SectionLocator,
        glued: bool,
    ) -> _Pair:
        """The fact of one term/definition pair; its term and definition join the pools."""
        term, definition = bullet.term or "", bullet.definition or ""
        if glued:
            definition = _sentences(definition)[0]
        option = first_sentences(definition, self._option_chars)
        pair = _Pair(
            module.id,
            bullet,
            _unique_key(f"{module.id}/p/{slugify(term)}", used),
            locator.source(term, bullet.text),
            option,
            first_sentences(definition, self._prompt_chars),
        )
        self._terms.append(_Entry(term, _family(term_kind(term)), module.id, option))
        self._definitions.append(_Entry(option, TERM, module.id, term))
        # Commands, flags and numbers of a definition are options for other questions.
        self._terms.extend(
            _Entry(f.text, f.kind, module.id)
            for f in key_terms(definition, known)
            if f.kind in (COMMAND, FLAG, NUMBER)
        )
        return pair

    def _in_example(self, section: Section) -> bool:
        """Whether ``section`` is an example or exercise, or part of one: it shows again what
        other sections explain, so it is neither a question nor an option beside them."""
        while section is not None:
            if _about_example(section.title):
                return True
            section = self.course.section(section.parent_id) if section.parent_id else None
        return False

    def _asked(self, text: str, asked: list[str]) -> bool:
        return any(near_duplicate(text, other) for other in asked)

    def _section_facts(self, module: Module, used: set[str]) -> list[_SectionFact]:
        facts = []
        for section in module.walk():
            if section.id == module.summary_section_id or not section.text.strip():
                continue
            if generic_label(section.title) or self._in_example(section):
                continue
            # List dashes would show as stray "- " inside the one-line excerpt.
            excerpt = first_sentences(_LIST_MARKER.sub("", section.text), EXCERPT_CHARS)
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

    def skipped(self, module_id: str) -> dict[int, str]:
        """The summary bullets of a module not asked as written, by line, with why (for
        coverage checks): a heading used as a term (its definition may still be asked on its
        own), a bullet about an example."""
        return dict(self._skipped.get(module_id, {}))

    def _statement(self, fact: _Pair | _Cloze, statement: str, true: bool, topic: str) -> QuizItem:
        """A true/false item: is ``statement`` right?"""
        options = [t("quiz_true", self.lang), t("quiz_false", self.lang)]
        prompt = t("quiz_is_it_true", self.lang, statement=statement)
        answer = options[0] if true else options[1]
        return _item(fact, TRUE_FALSE, prompt, answer, options, topic=topic)

    def _forms(self, term: str) -> list[str]:
        """What hides ``term`` in a prompt: its forms and its synonyms ("conteneurs" would give
        "Container" away)."""
        forms = answer_forms(term)
        return forms + [v for form in forms for v in synonym_variants(form, self.synonyms)]

    def _mentions(self, text: str, term: str) -> bool:
        """Whether ``text`` names ``term``, one of its forms or a word of its root ("on
        normalise" for "Normalisation"): masked, it would show a blank; unmasked, the answer."""
        return any(contains(text, form) for form in answer_forms(term)) or bool(
            kin_words(text, term)
        )

    def _may_be_about(self, text: str, term: str) -> bool:
        """Whether ``text`` names ``term`` or a word of it that few bullets of the course use
        ("version" for "Gestion des Versions"): another term's definition saying so could be
        right for ``term`` too."""
        if self._mentions(text, term):
            return True
        if term_kind(term) != TERM:
            return False  # a command's words are the command's: "docker" says nothing
        return any(
            len(w) > 2 and _singular(w) not in self._common and contains(text, w)
            for w in words(term)
            if w not in STOP_WORDS
        )

    def _pair_items(self, pair: _Pair, rng: random.Random) -> list[QuizItem]:
        term = pair.bullet.term or ""
        forms = self._forms(term)
        # Words of the term's root give it away as surely as the term: "on ____ les tables"
        # rather than "on normalise les tables" for "Normalisation".
        masked = mask(pair.shown, forms + kin_words(pair.shown, term))
        items = []
        prompt = t("quiz_which_term", self.lang, definition=masked)
        others = self._pick(
            term,
            _family(term_kind(term)),
            pair.module_id,
            self._terms,
            rng,
            # A term the definition names is either right too ("Instance" for "une instance
            # exécutable") or ruled out for being there.
            lambda e: (
                contains(pair.shown, e.text)
                or (bool(e.partner) and near_duplicate(e.partner, pair.option))
            ),
        )
        if len(others) >= 2:
            items.append(_item(pair, MCQ, prompt, term, self._shuffled([term, *others], rng)))

        # Another term's definition that mentions this term would be right too, or show a
        # blank only wrong options have.
        wrong_definitions = self._pick(
            pair.option,
            TERM,
            pair.module_id,
            self._definitions,
            rng,
            lambda e: near_duplicate(e.partner, term) or self._may_be_about(e.text, term),
        )
        # A definition that names its own term would be the one option with a blank (or the
        # one repeating the question's word): such a pair is asked the other way only.
        names_itself = self._mentions(pair.option, term)
        if len(wrong_definitions) >= 2 and not names_itself:
            options = [pair.option, *wrong_definitions]
            if not _any_clash(options):
                prompt = t("quiz_which_definition", self.lang, term=term)
                # The option may be the definition's opening only: the reveal shows it whole.
                whole = " ".join(pair.shown.split())
                shuffled = self._shuffled(options, rng)
                items.append(_item(pair, MCQ, prompt, options[0], shuffled, whole, term))

        # Both sides use an opening sentence: a longer true statement would give itself away,
        # and so would a true one that repeats its term when false ones never do.
        if wrong_definitions and (names_itself or rng.random() < 0.5):
            wrong = rng.choice(wrong_definitions)
            items.append(self._statement(pair, f"{term} : {wrong}", False, term))
        elif not names_itself:
            items.append(self._statement(pair, f"{term} : {pair.option}", True, term))

        if _typeable(term):
            prompt = t("quiz_type_term", self.lang, definition=masked)
            items.append(_item(pair, TYPED, prompt, term))
        return items

    def _cloze_items(self, cloze: _Cloze, rng: random.Random) -> list[QuizItem]:
        answer = cloze.target.text
        sentence = cloze.sentence
        forms = self._forms(answer)
        blanked = mask(sentence, forms + kin_words(sentence, answer))
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
                items.append(self._statement(cloze, swapped, False, answer))
            else:
                items.append(self._statement(cloze, sentence, True, answer))
        if _typeable(answer):
            prompt = t("quiz_fill_typed", self.lang, sentence=blanked)
            items.append(_item(cloze, TYPED, prompt, answer))
        return items

    def _section_item(self, fact: _SectionFact, rng: random.Random) -> QuizItem | None:
        title = fact.section.title
        excerpt = mask(fact.excerpt, self._forms(title))
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

    def _alike(self, a: str, b: str) -> bool:
        """Two texts that cannot both be options: either would be graded as the other, one
        holds the other, or they share a name."""
        return share_a_name(a, b, self.synonyms) or near_duplicate(a, b)

    def _pick(
        self,
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
                    if self._alike(entry.text, answer) or any(
                        self._alike(entry.text, c) for c in chosen
                    ):
                        continue
                    if reject(entry):
                        continue
                    chosen.append(entry.text)
        return chosen


def _sentences(text: str) -> list[str]:
    """The sentences of ``text`` (at least one)."""
    return _SENTENCE_END.split(" ".join(text.split())) or [""]


def _sentence_at(sentences: list[str], start: int) -> str:
    """The sentence of ``sentences`` (joined by single spaces) holding character ``start``: a
    blank is asked in its own sentence, not in a paragraph that repeats it."""
    end = 0
    for sentence in sentences:
        end += len(sentence) + 1
        if start < end:
            return sentence
    return sentences[-1]


def _one_per_name(entries: list[_Entry]) -> list[_Entry]:
    """``entries`` with one entry per name: "tmpfs mount" found in a sentence is the pair term
    "Tmpfs Mounts", which is kept (its spelling is the course's, its definition known)."""
    kept: dict[str, _Entry] = {}
    for entry in entries:
        name = " ".join(_label_words(entry.text)) or entry.text
        if name not in kept or (entry.partner and not kept[name].partner):
            kept[name] = entry
    return list(kept.values())


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
