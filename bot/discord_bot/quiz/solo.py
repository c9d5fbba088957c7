"""Solo quizzes in Discord: one private quiz per student, on one ephemeral message.

Each button click edits that message: a question with its buttons, then the verdict with the
explanation and a "next" button, and at the end the summary. The message always shows the
session's state, so a stale or repeated click (a lost reply, a double click) just shows where
the quiz is. A timer per session closes a question at its deadline (``expire()``) and ends a
session left idle for as long again, so abandoned quizzes do not stay in memory.

Core calls that save to the store run in a worker thread; one lock per session keeps a click
and its timer from acting at the same time.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from dataclasses import dataclass, field

import discord

from bot.discord_bot.quiz.render import question_embed, reveal_embed, summary_embed
from bot.discord_bot.quiz.timers import RunningQuizzes
from bot.discord_bot.quiz.views import (
    NEXT,
    SKIP,
    STOP,
    TYPE,
    AnswerModal,
    solo_next_view,
    solo_question_view,
)
from bot.discord_bot.shared.sending import NONE, SEND_ERRORS, attempt, tell
from bot.discord_bot.shared.workers import draw
from bot.i18n import t
from bot.present.quiz import no_quiz_text, scope_text, shorter_note
from bot.quiz.service import NoItems, QuizRunning, QuizService, UnknownModule
from bot.quiz.session import (
    ASKING,
    INVALID,
    LETTERS,
    REVEALED,
    Question,
    QuizSummary,
    Reveal,
    SoloQuiz,
)

log = logging.getLogger("coursebot.discord")


@dataclass(eq=False)
class SoloRun:
    """One student's running quiz, as the front end tracks it."""

    user_id: int
    token: str  # names this run in button ids, so a new quiz ignores the old one's buttons
    quiz: SoloQuiz
    service: QuizService  # the service that started it: it survives a /reload
    lang: str
    interaction: discord.Interaction  # the latest: a timer edits the quiz message through it
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    timer: asyncio.Task | None = None
    last_reveal: Reveal | None = None
    warned: bool = False  # said once that answers cannot be saved


class SoloQuizzes(RunningQuizzes[SoloRun]):
    """The running solo quizzes, by user id."""

    kind = "solo"

    def key(self, run: SoloRun) -> int:
        return run.user_id

    def game(self, run: SoloRun) -> SoloQuiz:
        return run.quiz

    # ------------------------------------------------------------------ commands

    async def start(
        self, interaction: discord.Interaction, module_id: str | None, n: int | None, lang: str
    ) -> None:
        """Start a private quiz (ending the student's previous one) and show question 1.

        Drawing the questions takes 10 to 70 ms of CPU on a large course; under a burst of
        /quiz that queues past Discord's 3 s, so the reply is deferred first.
        """
        user_id = interaction.user.id
        previous = self.runs.get(user_id)
        if previous is not None:
            async with previous.lock:
                self._finish(previous)
        service: QuizService = self.bot.quiz_service
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            quiz = await draw(
                service.start_solo,
                str(user_id),
                module_id,
                n=n,
                guild_id=interaction.guild_id,
                lang=lang,
            )
        except (NoItems, UnknownModule, QuizRunning) as exc:
            text = refusal(exc, service, module_id, lang)
            await attempt(
                interaction.edit_original_response(content=text, allowed_mentions=NONE),
                f"quiz refusal to user {user_id}",
            )
            return
        run = SoloRun(user_id, secrets.token_hex(4), quiz, service, lang, interaction)
        self.runs[user_id] = run
        question = quiz.start()
        intro = t(
            "quiz_discord_intro",
            lang,
            scope=scope_text(service.course, module_id, lang),
            count=quiz.total,
        ) + shorter_note(quiz, lang)
        try:
            await interaction.edit_original_response(**self._question_reply(run, question, intro))
        except SEND_ERRORS:
            self._finish(run)  # the student never saw it: keep no half-started quiz
            raise
        self.arm(run)

    async def stop(self, interaction: discord.Interaction) -> bool:
        """``/quiz stop`` on a solo quiz: its summary, privately. False when none runs."""
        run = self.runs.get(interaction.user.id)
        if run is None:
            return False
        async with run.lock:
            summary = self._finish(run)
        await interaction.response.send_message(
            t("quiz_stopped", run.lang),
            embed=summary_embed(summary, run.lang),
            ephemeral=True,
            allowed_mentions=NONE,
        )
        return True

    async def forget(self, user_id: int) -> None:
        """End a student's quiz without a word (their data is being deleted)."""
        run = self.runs.get(user_id)
        if run is not None:
            async with run.lock:
                self._finish(run)

    # ------------------------------------------------------------------ buttons

    async def on_button(
        self, interaction: discord.Interaction, user_id: int, token: str, q: int, action: str
    ) -> None:
        """A click on one of a solo quiz's buttons."""
        run = await self._own_run(interaction, user_id, token)
        if run is None:
            return
        quiz = run.quiz
        if action == TYPE and quiz.state == ASKING and quiz.current.index == q:
            modal = AnswerModal(
                f"cb:qm:{user_id}:{token}:{q}",
                quiz.current,
                run.lang,
                self.seconds_left(run) + run.service.solo_timeout,
                lambda modal_interaction, text: self.on_typed(modal_interaction, run, q, text),
            )
            await interaction.response.send_modal(modal)
            return
        await self._act(interaction, run, q, action, None)

    async def on_typed(
        self, interaction: discord.Interaction, run: SoloRun, q: int, text: str
    ) -> None:
        """A typed answer from the modal."""
        if not self.is_current(run):
            await tell(interaction, t("quiz_over", run.lang))
            return
        await self._act(interaction, run, q, TYPE, text)

    async def _own_run(
        self, interaction: discord.Interaction, user_id: int, token: str
    ) -> SoloRun | None:
        """The run a button belongs to, when it is the clicker's and still running."""
        lang = self.bot.lang_for(interaction)
        if interaction.user.id != user_id:
            await tell(interaction, t("quiz_not_yours", lang))
            return None
        run = self.runs.get(user_id)
        if run is None or run.token != token:
            await tell(interaction, t("quiz_over", lang))
            return None
        return run

    async def _act(
        self,
        interaction: discord.Interaction,
        run: SoloRun,
        q: int,
        action: str,
        text: str | None,
    ) -> None:
        """Do what the click asks if it matches the quiz's state; show the state either way."""
        async with run.lock:
            if not self.is_current(run):
                await tell(interaction, t("quiz_over", run.lang))
                return
            run.interaction = interaction
            reply = await self._apply(run, q, action, text)
            if self.is_current(run):
                self.arm(run)
            await interaction.response.edit_message(**reply)

    async def _apply(self, run: SoloRun, q: int, action: str, text: str | None) -> dict:
        quiz = run.quiz
        current = quiz.current
        if action == STOP:
            summary = self._finish(run)
            return {
                "content": t("quiz_stopped", run.lang),
                "embeds": [summary_embed(summary, run.lang)],
                "view": None,
                "allowed_mentions": NONE,
            }
        if current is not None and current.index == q:
            if quiz.state == ASKING and action == SKIP:
                reveal = await asyncio.to_thread(quiz.skip)
                return self._after_reveal(run, reveal, quiz.save_error)
            if quiz.state == ASKING and (action in LETTERS or (action == TYPE and text)):
                submission = await asyncio.to_thread(quiz.answer, text or action)
                if submission.reveal is not None:
                    return self._after_reveal(run, submission.reveal, submission.save_error)
                if submission.status == INVALID:  # "?", "aide": how to answer, asked again
                    help_text = t(
                        "quiz_discord_typed_help",
                        run.lang,
                        answer=t("quiz_answer_button", run.lang),
                        skip=t("quiz_skip_button", run.lang),
                    )
                    return self._question_reply(run, current, help_text)
            if quiz.state == REVEALED and action == NEXT:
                following = quiz.next()
                if following is not None:
                    return self._question_reply(run, following)
        return self._current_reply(run)

    # ------------------------------------------------------------------ replies

    def _question_reply(self, run: SoloRun, question: Question, content: str | None = None) -> dict:
        return {
            "content": content,
            "embeds": [question_embed(question, run.lang)],
            "view": solo_question_view(run.user_id, run.token, question, run.lang),
            "allowed_mentions": NONE,
        }

    def _after_reveal(self, run: SoloRun, reveal: Reveal, save_error: str | None) -> dict:
        """The verdict and a "next" button; on the last question the summary, and the end."""
        run.last_reveal = reveal
        content = None
        if save_error and not run.warned:
            run.warned = True  # once per quiz: the reason does not change between answers
            log.warning("quiz answer of user %s not saved: %s", run.user_id, save_error)
            content = t("store_unavailable", run.lang)
        embeds = [reveal_embed(reveal, run.lang)]
        view = None
        if reveal.question.index >= reveal.question.total:
            embeds.append(summary_embed(self._finish(run), run.lang))
        else:
            view = solo_next_view(run.user_id, run.token, reveal.question, run.lang)
        return {"content": content, "embeds": embeds, "view": view, "allowed_mentions": NONE}

    def _current_reply(self, run: SoloRun) -> dict:
        """What the message should show now (after a stale or repeated click)."""
        quiz = run.quiz
        if quiz.state == REVEALED and run.last_reveal is not None:
            view = solo_next_view(run.user_id, run.token, run.last_reveal.question, run.lang)
            embeds = [reveal_embed(run.last_reveal, run.lang)]
            return {"content": None, "embeds": embeds, "view": view, "allowed_mentions": NONE}
        return self._question_reply(run, quiz.current)

    # ------------------------------------------------------------------ lifecycle

    def _finish(self, run: SoloRun) -> QuizSummary:
        """End a run: its summary, computed by the core before it drops the session."""
        summary = run.service.end_solo(str(run.user_id)) or run.quiz.finish()
        self.drop(run)
        return summary

    async def watch(self, run: SoloRun) -> None:
        """Close the open question at its deadline, then end the quiz if left idle as long."""
        quiz = run.quiz
        question = quiz.current
        if quiz.state == ASKING and question is not None and question.deadline is not None:
            # The loop's clock and the wall clock may differ slightly: wait until expire() agrees.
            while (left := self.seconds_left(run)) > 0:
                await asyncio.sleep(left)
            async with run.lock:
                if not self.is_current(run) or quiz.current is not question:
                    return
                reveal = await asyncio.to_thread(quiz.expire)
                if reveal is None:
                    return
                reply = self._after_reveal(run, reveal, quiz.save_error)
                await attempt(
                    run.interaction.edit_original_response(**reply),
                    f"solo quiz timeout for user {run.user_id}",
                )
            if not self.is_current(run):
                return  # that was the last question: the quiz is over
        await asyncio.sleep(run.service.solo_timeout)
        async with run.lock:
            if not self.is_current(run):
                return
            summary = self._finish(run)
            log.info("solo quiz of user %s ended after being left idle", run.user_id)
            # Best effort: after 15 minutes Discord no longer lets the bot edit this message.
            await attempt(
                run.interaction.edit_original_response(
                    content=t("quiz_idle_stopped", run.lang),
                    embeds=[summary_embed(summary, run.lang)],
                    view=None,
                    allowed_mentions=NONE,
                ),
                f"solo quiz idle end for user {run.user_id}",
            )


def refusal(error: Exception, service: QuizService, module_id: str | None, lang: str) -> str:
    """Why a quiz cannot start, for the student."""
    if isinstance(error, (NoItems, UnknownModule)):
        return no_quiz_text(service, module_id, lang)
    return t("quiz_running", lang)
