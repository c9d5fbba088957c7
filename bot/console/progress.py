"""``/progress`` in the terminal chat: the student's quiz answers, reviews due and mastery per
module, the chart drawn as text bars (the chat's user is the one its quizzes record)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.app.facts import fact_index
from bot.app.stats import mastery_of
from bot.i18n import t
from bot.present.stats_text import mastery_lines
from bot.store import StoreUnavailable

if TYPE_CHECKING:
    from bot.console.chat import ChatSession


def progress_command(session: ChatSession, _: str) -> str:
    """The chat user's own progress; nobody else's data is read."""
    lang = session.lang
    if session.store is None:
        return t("progress_chat_none", lang, user=session.user_id)
    try:
        data = session.store.export_user(session.user_id)
    except StoreUnavailable:
        return t("store_unreadable", lang)
    attempts = data["attempts"]
    if not attempts:
        return t("progress_chat_none", lang, user=session.user_id)
    engine = session.engine
    mastery = mastery_of(attempts, engine.course, fact_index(engine.quizzes, lang))
    correct = sum(1 for a in attempts if a["correct"])
    now = session.store.clock()
    due = sum(1 for r in data["reviews"] if r["due_at"] <= now)
    lines = [
        t("progress_title", lang),
        t("progress_answers_value", lang, correct=correct, answered=len(attempts),
          accuracy=round(100 * correct / len(attempts))),
        t("progress_due_value", lang, count=due) if due else t("progress_due_none", lang),
    ]
    if mastery:
        lines += ["", t("progress_mastery", lang), *mastery_lines(mastery, lang)]
    return "\n".join(lines)
