"""The TAs' stats as plain text (``python -m bot stats``) and as JSON-ready data."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from bot.app.stats import CourseStats, ModuleMastery
from bot.i18n import t, tn
from bot.present.text import unanswered_counts

BAR_WIDTH = 20  # characters of the widest bar in a text chart


def module_label(module_id: str | None, lang: str) -> str:
    """A module's id, or what stands for the questions placed in no module."""
    return module_id if module_id is not None else t("stats_no_module", lang)


def _date(ts: float) -> str:
    return datetime.fromtimestamp(ts).strftime("%Y-%m-%d")


def period_line(stats: CourseStats, lang: str) -> str:
    """« Statistiques du cours : les 7 derniers jours (du … au …) »."""
    title = t("stats_title", lang, window=t(f"stats_window_{stats.window}", lang))
    if stats.since is not None:
        start = _date(stats.since)
    elif stats.activity:
        start = stats.activity[0].day.isoformat()
    else:
        return title
    return f"{title} ({t('stats_period', lang, start=start, end=_date(stats.until))})"


def headline(stats: CourseStats, lang: str) -> list[str]:
    """The figures a TA reads first: questions and how they ended, votes, quizzes, students."""
    questions = tn("stats_questions", stats.asked, lang)
    split = t(
        "stats_split",
        lang,
        answered=stats.answered,
        suggested=stats.suggested,
        abstained=stats.abstained,
    )
    votes = t("stats_votes", lang, helpful=stats.helpful, unhelpful=stats.unhelpful)
    quiz = tn("stats_quiz_answers", stats.quiz_answers, lang)
    if stats.quiz_answers:
        quiz += f", {t('stats_accuracy', lang, accuracy=stats.quiz_accuracy)}"
    return [f"{questions} ({split}) · {votes}", quiz, tn("stats_students", stats.students, lang)]


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Columns padded to their widest cell; the first column left-aligned, numbers right."""
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        first, *rest = cells
        parts = [str(first).ljust(widths[0])]
        parts += [str(c).rjust(w) for c, w in zip(rest, widths[1:], strict=True)]
        return "  ".join(parts).rstrip()

    return [line(header), *(line(row) for row in rows)]


def bar(value: int, top: int, width: int = BAR_WIDTH) -> str:
    """A text bar ``value`` long on a scale where ``top`` fills ``width`` characters."""
    filled = round(width * value / top) if top else 0
    return "█" * filled + "░" * (width - filled)


def topic_lines(stats: CourseStats, lang: str) -> list[str]:
    """The most asked topics the content still does not answer, one line each."""
    lines = [
        f"{n:>2}. « {' '.join(group.question.split())} » — {unanswered_counts(group, lang)}"
        for n, group in enumerate(stats.topics, 1)
    ]
    if stats.hidden_topics:
        lines.append(t("unanswered_answered_now", lang, count=stats.hidden_topics))
    return lines


def missed_lines(stats: CourseStats, lang: str) -> list[str]:
    """The most missed facts, one line each."""
    return [
        f"{n:>2}. "
        + t(
            "stats_missed_line",
            lang,
            name=" ".join(fact.name.split()),
            module=module_label(fact.module_id, lang),
            misses=fact.misses,
            answers=fact.answers,
        )
        for n, fact in enumerate(stats.missed, 1)
    ]


def stats_text(stats: CourseStats, lang: str = "fr") -> str:
    """The whole report: headline, questions per module, open topics, quizzes, activity."""
    out = [period_line(stats, lang), *headline(stats, lang)]
    if stats.empty:
        return "\n".join([*out, "", t("stats_nothing", lang)])
    none = [t("stats_none", lang)]
    out += ["", t("stats_section_questions", lang)]
    out += table(
        [t(f"stats_col_{c}", lang) for c in
         ("module", "questions", "answered", "suggested", "abstained")] + ["👍", "👎"],
        [
            [module_label(r.module_id, lang), r.total, r.answered, r.suggested, r.abstained,
             r.helpful, r.unhelpful]
            for r in stats.questions
        ],
    )
    out += ["", t("stats_section_topics", lang), *(topic_lines(stats, lang) or none)]
    out += ["", t("stats_section_quiz", lang)]
    out += table(
        [t(f"stats_col_{c}", lang) for c in ("module", "answers", "correct", "accuracy")],
        [[module_label(r.module_id, lang), r.answers, r.correct, f"{r.accuracy} %"]
         for r in stats.quiz],
    ) if stats.quiz else none
    out += ["", t("stats_section_missed", lang), *(missed_lines(stats, lang) or none)]
    out += ["", t("stats_section_activity", lang)]
    top = max((d.students for d in stats.activity), default=0)
    out += [f"{d.day.isoformat()}  {d.students:>4}  {bar(d.students, top)}" for d in stats.activity]
    return "\n".join(out)


def stats_json(stats: CourseStats) -> dict[str, Any]:
    """The figures as JSON-ready data, totals included."""
    data = asdict(stats)
    data["activity"] = [
        {"day": d.day.isoformat(), "students": d.students} for d in stats.activity
    ]
    data["totals"] = {
        "asked": stats.asked,
        "answered": stats.answered,
        "suggested": stats.suggested,
        "abstained": stats.abstained,
        "helpful": stats.helpful,
        "unhelpful": stats.unhelpful,
        "quiz_answers": stats.quiz_answers,
        "quiz_accuracy": stats.quiz_accuracy,
        "students": stats.students,
    }
    for row, source in zip(data["quiz"], stats.quiz, strict=True):
        row["accuracy"] = source.accuracy
    for row, source in zip(data["questions"], stats.questions, strict=True):
        row["total"] = source.total
    return data


def mastery_line(mastery: ModuleMastery, lang: str) -> str:
    """« 3.1 : 40 % (2/5) »: a module's facts answered right the last time, of its facts."""
    return t(
        "progress_mastery_line",
        lang,
        module=mastery.module_id,
        percent=mastery.percent,
        mastered=mastery.mastered,
        facts=max(mastery.facts, mastery.seen),
    )


def mastery_lines(mastery: list[ModuleMastery], lang: str) -> list[str]:
    """One line per module a student quizzed on, with a text bar (the terminal's chart)."""
    return [f"{bar(m.percent, 100, 10)} {mastery_line(m, lang)}" for m in mastery]
