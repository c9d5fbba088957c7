"""Group quizzes in Discord: one game per channel, the first correct answer scores.

``/quiz mode:group`` posts question 1 as its public reply (deferred first: drawing questions
may take a while under load). Players answer with the buttons (or,
for a typed question, with a modal, or by typing in the channel when the message-content intent
is on) and each gets a private acknowledgement. When a question closes (a correct answer, or
the timer at its deadline) the bot posts one message: the reveal and the next question, or the
reveal and the result table, computed by the core before the game is cleared. A game that
nobody answers for a few questions in a row (``ABANDONED_AFTER``) ends the same way, saying so,
so an abandoned game does not hold the channel to its last question.

If Discord refuses that post (a 403 in a channel the bot may no longer write to, a 5xx, a rate
limit longer than discord.py waits) nobody can see the game any more: it is ended and
unregistered, its timer cancelled, and the player whose click led there is told privately.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from dataclasses import dataclass, field
from typing import Any

import discord

from bot.discord_bot.quiz.render import question_embed, results_embed, reveal_embed
from bot.discord_bot.quiz.solo import refusal
from bot.discord_bot.quiz.timers import RunningQuizzes
from bot.discord_bot.quiz.views import STOP, TYPE, AnswerModal, group_question_view
from bot.discord_bot.shared.checks import is_ta
from bot.discord_bot.shared.sending import NONE, SEND_ERRORS, attempt, describe, tell
from bot.discord_bot.shared.workers import draw
from bot.i18n import t
from bot.present.quiz import scope_text, shorter_note
from bot.quiz.items import TYPED
from bot.quiz.service import NoItems, QuizRunning, QuizService, UnknownModule
from bot.quiz.session import (
    ABANDONED_AFTER,
    ALREADY_ANSWERED,
    ASKING,
    CORRECT,
    INVALID,
    WRONG,
    GroupQuiz,
    GroupResult,
    Question,
    Reveal,
    Submission,
)

log = logging.getLogger("coursebot.discord")


@dataclass(eq=False)
class GroupRun:
    """One channel's running game, as the front end tracks it."""

    channel_id: int
    token: str  # names this game in button ids
    game: GroupQuiz
    service: QuizService  # the service that started it: it survives a /reload
    channel: discord.abc.Messageable
    starter_id: int
    starter_name: str
    lang: str  # the guild's: everything public is in it
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    timer: asyncio.Task | None = None
    warned: set[int] = field(default_factory=set)  # players told that nothing is saved


def can_post(interaction: discord.Interaction) -> bool:
    """Whether the bot may post questions (embeds) in the interaction's channel."""
    perms = interaction.app_permissions
    thread = isinstance(interaction.channel, discord.Thread)
    send = perms.send_messages_in_threads if thread else perms.send_messages
    return send and perms.embed_links


class GroupQuizzes(RunningQuizzes[GroupRun]):
    """The running group games, by channel id."""

    kind = "group"

    def __init__(self, bot: Any) -> None:
        super().__init__(bot)
        # Channels whose game is being built (not yet in runs), with who started it.
        self._starting: dict[int, str] = {}

    def key(self, run: GroupRun) -> int:
        return run.channel_id

    def game(self, run: GroupRun) -> GroupQuiz:
        return run.game

    @property
    def typed_in_channel(self) -> bool:
        """Typed answers are read from messages only with the message-content intent."""
        return self.bot.settings.discord.message_content

    # ------------------------------------------------------------------ commands

    async def start(
        self, interaction: discord.Interaction, module_id: str | None, n: int | None
    ) -> None:
        """Start a game in the interaction's channel, posting question 1 as the reply."""
        channel_id = interaction.channel_id
        lang = self.bot.lang_for(interaction)
        running = self.runs.get(channel_id)
        if running is not None or channel_id in self._starting:
            name = running.starter_name if running else self._starting[channel_id]
            await tell(interaction, t("quiz_group_running", lang, name=name))
            return
        if not can_post(interaction):
            await tell(interaction, t("quiz_group_cannot_post", lang))
            return
        service: QuizService = self.bot.quiz_service
        public = self.bot.guild_language(interaction.guild_id)
        name = self.bot.names.remember(interaction.user)
        self._starting[channel_id] = name
        try:
            # Drawing the questions may queue past Discord's 3 s under load: acknowledge first.
            await interaction.response.defer(thinking=True)
            game = await draw(
                service.start_group,
                str(channel_id),
                module_id,
                n=n,
                guild_id=interaction.guild_id,
                lang=public,
            )
        except (NoItems, UnknownModule, QuizRunning) as exc:
            # The "thinking" placeholder is public: replace it with a private refusal.
            await attempt(interaction.delete_original_response(), "quiz placeholder removal")
            await tell(interaction, refusal(exc, service, module_id, lang))
            return
        finally:
            self._starting.pop(channel_id, None)
        channel = interaction.channel or self.bot.get_partial_messageable(channel_id)
        token = secrets.token_hex(4)
        run = GroupRun(channel_id, token, game, service, channel, interaction.user.id, name, public)
        self.runs[channel_id] = run
        question = game.start()
        intro = t(
            "quiz_group_intro",
            public,
            scope=scope_text(service.course, module_id, public),
            name=name,
            count=game.total,
            seconds=round(game.timeout_seconds or 0),
        ) + shorter_note(game, public)
        try:
            await interaction.edit_original_response(
                content=intro,
                embed=self._question_embed(run, question),
                view=group_question_view(run.token, question, public, self.typed_in_channel),
                allowed_mentions=NONE,
            )
        except SEND_ERRORS:
            self._finish(run)  # nobody saw question 1: no game in this channel
            raise
        self.arm(run)

    def may_stop(self, interaction: discord.Interaction, run: GroupRun) -> bool:
        """Whether the interaction's user may end the game: its starter or a TA."""
        role = self.bot.settings.discord.ta_role
        return interaction.user.id == run.starter_id or is_ta(
            interaction.user, interaction.permissions, role
        )

    async def stop(self, interaction: discord.Interaction, run: GroupRun) -> None:
        """End the game now (its starter or a TA): the result table, in the channel."""
        lang = self.bot.lang_for(interaction)
        if not self.may_stop(interaction, run):
            await tell(interaction, t("quiz_stop_refused", lang))
            return
        async with run.lock:
            if not self.is_current(run):
                await tell(interaction, t("quiz_over", lang))
                return
            result = self._finish(run)
        name = self.bot.names.remember(interaction.user)
        await interaction.response.send_message(
            t("quiz_stopped_by", run.lang, name=name),
            embed=results_embed(result, run.lang),
            allowed_mentions=NONE,
        )

    # ------------------------------------------------------------------ answers

    async def on_button(
        self, interaction: discord.Interaction, token: str, q: int, action: str
    ) -> None:
        """A click on one of a game's buttons: an option, "answer" or stop."""
        run = self.runs.get(interaction.channel_id)
        if run is None or run.token != token:
            await tell(interaction, t("quiz_over", self.bot.lang_for(interaction)))
            return
        if action == STOP:
            await self.stop(interaction, run)
            return
        if action == TYPE:
            if not self._is_open(run, q):
                await tell(interaction, t("quiz_group_late", self.bot.lang_for(interaction)))
                return
            modal = AnswerModal(
                f"cb:qgm:{token}:{q}:{interaction.user.id}",
                run.game.current,
                self.bot.lang_for(interaction),
                self.seconds_left(run) + 1,
                lambda modal_interaction, text: self.answer(modal_interaction, run, q, text),
            )
            await interaction.response.send_modal(modal)
            return
        await self.answer(interaction, run, q, action)

    async def answer(
        self, interaction: discord.Interaction, run: GroupRun, q: int, text: str
    ) -> None:
        """One player's answer to question ``q``: a private verdict, then the game moves on
        if it was the first correct one."""
        lang = self.bot.lang_for(interaction)
        # Checked before waiting for the lock: a late click must be answered within 3 seconds
        # even while the bot posts the next question.
        if not self._is_open(run, q):
            await tell(interaction, t("quiz_group_late", lang))
            return
        async with run.lock:
            if not self._is_open(run, q):
                await tell(interaction, t("quiz_group_late", lang))
                return
            user = interaction.user
            name = self.bot.names.remember(user)
            submission = await asyncio.to_thread(run.game.submit, str(user.id), text, name)
            await tell(interaction, self._verdict(run, submission, user.id, lang))
            if submission.reveal is not None:
                await self._advance(run, submission.reveal, interaction)

    async def on_message(self, message: discord.Message) -> None:
        """A typed answer in the channel (message-content intent only); wrong ones stay quiet."""
        run = self.runs.get(message.channel.id)
        if run is None or not self.typed_in_channel or message.author.bot:
            return
        question = run.game.current
        if (
            question is None
            or question.item.kind != TYPED
            or not self._is_open(run, question.index)
        ):
            return
        me = self.bot.user
        if me is not None and me in message.mentions:
            return  # a question to the bot, not an answer
        async with run.lock:
            if not self._is_open(run, question.index):
                return
            name = self.bot.names.remember(message.author)
            submission = await asyncio.to_thread(
                run.game.submit, str(message.author.id), message.content, name
            )
            if submission.reveal is not None:
                await self._advance(run, submission.reveal, None)

    def _verdict(self, run: GroupRun, submission: Submission, user_id: int, lang: str) -> str:
        if submission.status == CORRECT:
            text = t("quiz_group_point", lang)
        elif submission.status == WRONG:
            # Never the expected answer: the question is still open for the others.
            kind = run.game.current.item.kind if run.game.current else TYPED
            text = t("quiz_group_wrong_typed" if kind == TYPED else "quiz_group_wrong_choice", lang)
        elif submission.status == ALREADY_ANSWERED:
            text = t("quiz_group_already", lang)
        elif submission.status == INVALID:  # "?" or "je sais pas": no try, the question stays
            text = t("quiz_group_not_counted", lang)
        else:
            text = t("quiz_group_late", lang)
        if submission.save_error and user_id not in run.warned:
            run.warned.add(user_id)
            log.warning("group quiz answer not saved: %s", submission.save_error)
            text += "\n" + t("store_unavailable", lang)
        return text

    def stop_recording(self, user_id: int) -> None:
        """After a /privacy delete: the running games save none of this player's answers."""
        for run in self.runs.values():
            run.game.stop_recording(str(user_id))

    # ------------------------------------------------------------------ lifecycle

    def _is_open(self, run: GroupRun, q: int) -> bool:
        current = run.game.current
        return (
            self.is_current(run)
            and run.game.state == ASKING
            and current is not None
            and current.index == q
        )

    def _question_embed(self, run: GroupRun, question: Question) -> discord.Embed:
        typed_here = question.item.kind == TYPED and self.typed_in_channel
        extra = t("quiz_type_in_channel", run.lang) if typed_here else None
        return question_embed(question, run.lang, extra)

    async def _advance(
        self, run: GroupRun, reveal: Reveal, interaction: discord.Interaction | None
    ) -> None:
        """Post what closed the question with the next one (or the results). Called under the
        run's lock, by the click that closed the question or by the timer."""
        winner = run.game.players.get(reveal.winner) if reveal.winner else None
        embeds = [reveal_embed(reveal, run.lang, winner.name if winner else None)]
        following = run.game.next()
        if following is None:
            content = None
            if run.game.abandoned:
                content = t("quiz_group_abandoned", run.lang, count=ABANDONED_AFTER)
                log.info("group quiz in channel %s ended: nobody answers", run.channel_id)
            embeds.append(results_embed(self._finish(run), run.lang))
            await self._post(run, embeds, None, content)
            return
        embeds.append(self._question_embed(run, following))
        view = group_question_view(run.token, following, run.lang, self.typed_in_channel)
        if await self._post(run, embeds, view):
            self.arm(run)
            return
        # Nobody can see the next question: end the game rather than leave it half-alive.
        self._finish(run)
        log.warning(
            "group quiz in channel %s ended: its question could not be posted", run.channel_id
        )
        if interaction is not None:
            await tell(interaction, t("quiz_group_post_failed", self.bot.lang_for(interaction)))

    async def _post(
        self,
        run: GroupRun,
        embeds: list[discord.Embed],
        view: discord.ui.View | None,
        content: str | None = None,
    ) -> bool:
        kwargs: dict[str, Any] = {"content": content, "embeds": embeds, "allowed_mentions": NONE}
        if view is not None:
            kwargs["view"] = view
        try:
            await run.channel.send(**kwargs)
        except SEND_ERRORS as exc:
            log.warning("group quiz post in channel %s failed: %s", run.channel_id, describe(exc))
            return False
        return True

    def _finish(self, run: GroupRun) -> GroupResult:
        """End a game: its table, computed by the core before it clears the players."""
        result = run.service.end_group(str(run.channel_id)) or run.game.finish()
        self.drop(run)
        return result

    async def watch(self, run: GroupRun) -> None:
        """Close the open question at its deadline and move on."""
        question = run.game.current
        while (left := self.seconds_left(run)) > 0:
            await asyncio.sleep(left)
        async with run.lock:
            if not self.is_current(run) or run.game.current is not question:
                return
            reveal = await asyncio.to_thread(run.game.expire)
            if reveal is not None:
                await self._advance(run, reveal, None)
