"""Plain-text rendering of answers, shared by ``ask`` and the terminal chat."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from bot.i18n import t
from bot.search.answer import ABSTAIN, ANSWER, EMPTY, SMALLTALK, SUGGEST, Answer, Ref
from bot.store import UnansweredGroup


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
            if answer.text and answer.text.strip() != (answer.short or "").strip():
                lines += ["", answer.text]
        where = f" · {answer.heading}" if answer.section_id else ""
        lines += [
            "",
            t(
                "source_line",
                lang,
                module=answer.module_id,
                title=answer.module_title,
                where=where,
                source=answer.source,
            ),
        ]
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
        options = [f"  {i}. {ref_line(r)}" for i, r in enumerate(answer.alternatives, 1)]
        understood = [t("understood_line", lang, words=answer.corrections_text())]
        return "\n".join([reply_text(answer, lang), *options,
                          *(understood if answer.corrections else [])])
    return reply_text(answer, lang)


def unanswered_counts(group: UnansweredGroup, lang: str) -> str:
    """How often a question came back, and how the bot failed it."""
    fields = ("count", "abstained", "suggested", "unhelpful")
    return t("unanswered_counts", lang, **{f: getattr(group, f) for f in fields})


def unanswered_text(groups: Sequence[UnansweredGroup], lang: str = "fr") -> str:
    """The TA's list of questions the bot did not answer well, as plain text: how often and
    how it failed, when last, other phrasings, and the sections it pointed to."""
    if not groups:
        return t("unanswered_none", lang)
    lines = [t("unanswered_title", lang, count=len(groups))]
    for group in groups:
        counts = unanswered_counts(group, lang)
        when = datetime.fromtimestamp(group.last_at).strftime("%Y-%m-%d %H:%M")
        lines.append(f"- « {' '.join(group.question.split())} » — {counts} — {when}")
        others = [" ".join(q.split()) for q in group.examples if q != group.question]
        if others:
            lines.append("  " + " · ".join(f"« {q} »" for q in others))
        if group.section_ids:
            sections = ", ".join(group.section_ids)
            lines.append("  " + t("unanswered_sections", lang, sections=sections))
    return "\n".join(lines)


def faq_drafts(groups: Sequence[UnansweredGroup], lang: str = "fr") -> str:
    """``faq.yaml`` entries drafted from unanswered questions, for a TA to finish: the other
    phrasings become alternates; the section the bot pointed to, if any and not voted down, is
    written as a comment, a guess to confirm. Until a TA writes a section or an answer, ``check``
    refuses the entry, so the bot's own wrong guesses are never pasted in as answers."""
    lines = [f"# {line}" for line in t("faq_drafts_header", lang).splitlines()]
    for group in groups:
        lines.append(f"- question: {_yaml_text(group.question)}")
        others = [q for q in group.examples if q != group.question]
        if others:
            lines.append(f"  alternates: [{', '.join(_yaml_text(q) for q in others)}]")
        leads = [s for s in group.section_ids if s not in group.rejected_ids]
        if leads:
            guess = t("faq_drafts_guess", lang)
            lines.append(f"  # section: {_yaml_text(leads[0])}  # {guess}")
        else:
            lines.append(f"  # section: … / answer: …  ({t('faq_drafts_todo', lang)})")
    return "\n".join(lines)


def _yaml_text(text: str) -> str:
    """A YAML scalar that stays a string whatever a student typed (a JSON string is one)."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)
