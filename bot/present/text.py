"""Plain-text rendering of answers, shared by ``ask`` and the terminal chat."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from bot.app.engine import ReloadOutcome
from bot.app.unanswered import UnansweredGroup, faq_entry_asking, faq_phrasings
from bot.course.faq import FaqEntry
from bot.i18n import t
from bot.search.answer import ABSTAIN, ANSWER, EMPTY, SMALLTALK, SUGGEST, Answer, Ref
from bot.text.normalise import words
from bot.text.snippets import cut

PHRASINGS_SHOWN = 3  # a group's phrasings in a listing, its question included


def place(item: Answer | Ref) -> str:
    """Where an answer or a lead comes from: its section, its module, or the TAs' FAQ."""
    return item.section_id or item.module_id or "FAQ"


def ref_line(ref: Ref) -> str:
    return f"[{place(ref)}] {ref.title} ({ref.source})"


def reply_text(answer: Answer, lang: str = "fr", *, modules_command: str = "/modules",
               quiz_command: str = "/quiz") -> str:
    """The message for an answer that carries no course passage (or the lead of one that does)."""
    if answer.outcome == EMPTY:
        if answer.example:
            return t("empty", lang, example=answer.example)
        return t("empty_plain", lang)
    if answer.outcome == SMALLTALK:
        return t(f"smalltalk_{answer.smalltalk}", lang, quiz_command=quiz_command,
                 modules_command=modules_command)
    if answer.outcome == ABSTAIN:
        return t("abstain", lang, modules_command=modules_command)
    if answer.outcome == SUGGEST:
        return t("suggest", lang)
    return answer.short or ""


def answer_line(answer: Answer, lang: str = "fr") -> str:
    """One line per answer, for ``ask`` reading questions from standard input."""
    if answer.outcome == ANSWER:
        text = f"{answer.short} — [{place(answer)}] {answer.title} ({answer.source})"
    elif answer.outcome == SUGGEST:
        text = reply_text(answer, lang) + " " + " ; ".join(ref_line(r) for r in answer.alternatives)
    else:
        text = reply_text(answer, lang, modules_command="python -m bot modules",
                          quiz_command="python -m bot quiz")
    return " ".join(text.split())


def answer_block(answer: Answer, lang: str = "fr") -> str:
    """The full answer for the terminal chat."""
    if answer.outcome == ANSWER and answer.own_answer:
        # A TA's own answer is the whole reply: no course passage to quote after it.
        lines = [f"» {answer.title}", "", answer.full_text or answer.short or "", "",
                 t("faq_source_line", lang, source=answer.source)]
    elif answer.outcome == ANSWER:
        lines = [f"» {answer.title}", ""]
        if answer.opening and answer.text:
            lines.append(answer.text)  # it starts with the short answer: say it once
        else:
            lines.append(answer.short or "")
            rest = _without_lines_of(answer.text or "", answer.short or "")
            if rest:
                lines += ["", rest]
        if answer.text and (answer.full_text or "").strip() != answer.text.strip():
            # The text was cut: say where the rest is, with the command that shows it.
            lines += ["", t("read_more_line", lang, command=f"/section {place(answer)}")]
        lines += ["", source_text(answer, lang)]
    if answer.outcome == ANSWER:
        if answer.related:
            more = ", ".join(f"[{place(r)}] {r.title}" for r in answer.related[:4])
            lines.append(t("see_also_line", lang, items=more))
        leads = answer.other_leads()
        if leads:
            items = ", ".join(f"[{place(r)}] {r.title}" for r in leads)
            lines.append(t("other_leads_line", lang, items=items))
        if answer.corrections:
            lines.append(t("understood_line", lang, words=answer.corrections_text()))
        return "\n".join(lines)
    if answer.outcome == SUGGEST:
        options = []
        for i, ref in enumerate(answer.alternatives, 1):
            # Each suggestion with what it opens with, so a student can tell which one fits.
            options.append(f"  {i}. [{place(ref)}] {ref.title}")
            if ref.opening:
                options.append(f"     {ref.opening}")
        understood = [t("understood_line", lang, words=answer.corrections_text())]
        pick = [t("suggest_pick_line", lang, count=len(answer.alternatives))]
        return "\n".join([reply_text(answer, lang), *options,
                          *(pick if answer.alternatives else []),
                          *(understood if answer.corrections else [])])
    return reply_text(answer, lang)


SOURCE_TITLE_CHARS = 100  # a module title in a source line: enough to recognise it


def source_text(answer: Answer, lang: str = "fr") -> str:
    """Where a confident answer comes from. The module's title is not repeated when the answer
    is the module itself (its title heads the answer), and a long one is shortened."""
    if not answer.section_id:
        return t("source_module_line", lang, module=answer.module_id, source=answer.source)
    title = cut(" ".join((answer.module_title or "").split()), SOURCE_TITLE_CHARS)
    return t("source_line", lang, module=answer.module_id, title=title,
             where=f" · {answer.heading}", source=answer.source)


def _without_lines_of(text: str, short: str) -> str:
    """``text`` without the lines that say ``short`` again (a summary answer highlights a
    bullet of the summary it then shows: the bullet is shown once)."""
    said = {_bare(line) for line in short.splitlines() if _bare(line)}
    if not said:
        return text.strip()
    kept = [line for line in text.splitlines() if _bare(line) not in said]
    rest = "\n".join(kept).strip()
    return "" if rest == short.strip() else rest


def _bare(line: str) -> str:
    """A line without its list marker and emphasis, spaces collapsed, for comparison."""
    return " ".join(line.strip().lstrip("-*•").replace("**", "").replace("`", "").split())


def unanswered_counts(group: UnansweredGroup, lang: str) -> str:
    """How often a question came back, and how the bot failed it."""
    fields = ("count", "abstained", "suggested", "unhelpful")
    return t("unanswered_counts", lang, **{f: getattr(group, f) for f in fields})


def unanswered_text(
    groups: Sequence[UnansweredGroup], lang: str = "fr", answered_now: int = 0
) -> str:
    """The TA's list of questions the bot did not answer well, as plain text: how often and
    how it failed, when last, other phrasings, the sections it pointed to and, apart, those
    students voted 👎 on; then how many were left out because the content now answers them."""
    lines = [t("unanswered_title", lang, count=len(groups))] if groups else []
    for group in groups:
        counts = unanswered_counts(group, lang)
        when = datetime.fromtimestamp(group.last_at).strftime("%Y-%m-%d %H:%M")
        lines.append(f"- « {' '.join(group.question.split())} » — {counts} — {when}")
        others = [" ".join(q.split()) for q in other_phrasings(group)]
        if others:
            lines.append("  " + " · ".join(f"« {q} »" for q in others))
        lines += ["  " + line for line in unanswered_places(group, lang)]
    if not groups:
        lines.append(t("unanswered_none", lang))
    if answered_now:
        lines.append(t("unanswered_answered_now", lang, count=answered_now))
    return "\n".join(lines)


def other_phrasings(group: UnansweredGroup) -> list[str]:
    """The phrasings a listing shows beside the group's question (a draft keeps them all)."""
    return [q for q in group.examples[:PHRASINGS_SHOWN] if q != group.question]


def unanswered_places(
    group: UnansweredGroup, lang: str, shown: int | None = None, mark: str = ""
) -> list[str]:
    """A group's sections, each kind on a line of its own: those students 👍'd, the other
    leads (the sections the bot pointed to) and those students voted 👎 on, which are no
    lead; up to ``shown`` ids each, quoted in ``mark``."""
    others = tuple(s for s in group.leads if s not in group.confirmed_ids)
    places = (("unanswered_confirmed", group.confirmed_ids), ("unanswered_sections", others),
              ("unanswered_rejected", group.rejected_ids))
    return [
        t(key, lang, sections=", ".join(f"{mark}{s}{mark}" for s in ids[:shown]))
        for key, ids in places
        if ids
    ]


def faq_drafts(
    groups: Sequence[UnansweredGroup],
    lang: str,
    faq_path: str,
    faq: Sequence[FaqEntry] = (),
    answered_now: int = 0,
) -> str:
    """``faq.yaml`` entries drafted from unanswered questions, for a TA to finish and paste into
    ``faq_path``: every other phrasing becomes an alternate; the section the bot pointed to, if
    any and not voted down, is written as a comment, a guess to confirm. Until a TA writes a
    section or an answer, ``check`` refuses the entry, so the bot's own wrong guesses are never
    pasted in as answers. A question already in ``faq`` (the file's entries) gets a comment
    naming its entry instead: a second entry would be a duplicate that ``check`` refuses."""
    header = t("unanswered_drafts_header", lang, path=faq_path)
    lines = [f"# {line}" for line in header.splitlines()]
    if answered_now:
        lines.append("# " + t("unanswered_answered_now", lang, count=answered_now))
    # Phrasings faq.yaml already has would make a pasted draft a duplicate, wherever they are.
    taken = set().union(*(faq_phrasings(e) for e in faq))
    for group in groups:
        entry = faq_entry_asking(group.question, faq)
        if entry is None:
            lines += _draft(group, lang, taken)
            continue
        key = "unanswered_drafts_voted_down" if group.unhelpful else "unanswered_drafts_unsure"
        question = " ".join(group.question.split())
        lines.append("# " + t(key, lang, question=question, where=f"{entry.path}:{entry.line}"))
    return "\n".join(lines)


def _draft(group: UnansweredGroup, lang: str, taken: set[tuple[str, ...]]) -> list[str]:
    """One group's draft entry: its question, its other phrasings as alternates (each once,
    as ``check`` compares them, and none that faq.yaml has), the lead to confirm."""
    lines = [f"- question: {_yaml_text(group.question)}"]
    seen = {tuple(words(group.question)), *taken}
    alternates = []
    for phrasing in group.examples:
        key = tuple(words(phrasing))
        if key and key not in seen:
            seen.add(key)
            alternates.append(_yaml_text(phrasing))
    if alternates:
        lines.append(f"  alternates: [{', '.join(alternates)}]")
    if group.leads:
        helped = group.leads[0] in group.confirmed_ids
        guess = t("unanswered_drafts_confirmed" if helped else "faq_drafts_guess", lang)
        lines.append(f"  # section: {_yaml_text(group.leads[0])}  # {guess}")
    else:
        lines.append(f"  # section: … / answer: …  ({t('faq_drafts_todo', lang)})")
    return lines


def _yaml_text(text: str) -> str:
    """A YAML scalar that stays a string whatever a student typed (a JSON string is one)."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def _heading(key: str, lang: str) -> str:
    """A label followed by its colon, spaced as each language wants it (« Erreurs : »)."""
    return t(key, lang) + (" :" if lang == "fr" else ":")


def reload_text(outcome: ReloadOutcome, lang: str) -> str:
    """What a TA reads after ``/reload`` in the terminal: the new size, or why the old content
    stays; then the problems, errors first."""
    if outcome.swapped:
        lines = [t("reload_ok", lang, modules=outcome.modules, sections=outcome.sections)]
    else:
        lines = [t("reload_failed", lang, count=len(outcome.errors)), _heading("errors", lang)]
        lines += [f"  {problem}" for problem in outcome.errors]
    warnings = [p for p in outcome.problems if p.severity != "error"]
    if warnings:
        lines.append(_heading("warnings", lang))
        lines += [f"  {p.severity}: {p}" for p in warnings]
    return "\n".join(lines)
