"""What the answering side keeps in the store: every question's outcome (for the stats), the
text of unsure and unanswered ones, 👍/👎, and the TA's grouped list of them.

Every call runs in a worker thread (SQLite may wait on a busy or slow disk; the event loop must
not) and never raises: a store that cannot be written returns False, so the bot keeps answering
and tells the student once that nothing is saved.
"""

from __future__ import annotations

import asyncio
import logging

from bot.app.unanswered import OpenQuestions, open_questions
from bot.search.answer import ABSTAIN, ANSWER, SUGGEST, Answer
from bot.search.matcher import Matcher
from bot.store import Store, StoreUnavailable

log = logging.getLogger("coursebot.discord")

# Small talk and empty messages are not questions about the course: not counted.
COUNTED_OUTCOMES = (ANSWER, ABSTAIN, SUGGEST)


class Records:
    """The bot's writes and reads of the answering side, over one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def question(self, answer: Answer, user_id: int, guild_id: int | None) -> bool:
        """Count a question's outcome, and keep an abstention or a suggestion for the TAs;
        False when one of those could not be saved."""
        if answer.outcome not in COUNTED_OUTCOMES:
            return True
        try:
            await asyncio.to_thread(
                self.store.record_question,
                answer.question,
                answer.outcome,
                answer.score,
                answer.module_id,
                answer.section_id,
                str(user_id),
                guild_id,
            )
        except StoreUnavailable as exc:
            log.warning("question not saved: %s", exc)
            # An answered question loses only a count in the stats: no need to tell anyone.
            return answer.outcome == ANSWER
        return True

    async def feedback(
        self, question: str, target: str, helpful: bool, user_id: int, guild_id: int | None
    ) -> bool:
        """Keep a 👍 or 👎 on the answer that showed ``target``; False when it was not saved."""
        try:
            await asyncio.to_thread(
                self.store.record_feedback, question, target, helpful, str(user_id), guild_id
            )
        except StoreUnavailable as exc:
            log.warning("feedback not saved: %s", exc)
            return False
        return True

    async def unanswered(
        self, guild_id: int | None, limit: int, matcher: Matcher
    ) -> OpenQuestions:
        """The most frequent unanswered, unsure or 👎 questions of a guild, grouped, but for
        those ``matcher`` (the content served now) answers."""
        return await asyncio.to_thread(open_questions, self.store, matcher, guild_id, limit)
