"""Quiz buttons and the typed-answer modal.

Buttons are ``DynamicItem``s whose custom_id names the quiz run and the question they belong
to (``cb:qs:<user>:<run>:<question>:<action>`` solo, ``cb:qg:<run>:<question>:<action>`` in a
channel), so a click on an old message is recognised as stale instead of answering the wrong
question. The sessions themselves live in the quiz cog; a click after a restart finds none and
says the quiz is over.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

import discord
from discord.ui import Button, DynamicItem, View

from bot.discord_bot.ask.views import Buttons, Guarded
from bot.discord_bot.shared.render import BUTTON_LABEL_CHARS, one_line
from bot.i18n import t
from bot.quiz.grading import MAX_ANSWER_CHARS
from bot.quiz.items import TRUE_FALSE, TYPED
from bot.quiz.session import LETTERS, Question
from bot.text.snippets import cut

NEXT, SKIP, STOP, TYPE = "next", "skip", "stop", "type"
MODAL_TITLE_CHARS = 45
MODAL_TEXT_CHARS = 1500

AnswerCallback = Callable[[discord.Interaction, str], Awaitable[None]]


def _cog(interaction: discord.Interaction):
    return interaction.client.get_cog("QuizCog")


def _choice_buttons(question: Question, make: Callable[..., Button]) -> list[Button]:
    """One button per option: letters for multiple choice, the words for true/false."""
    item = question.item
    buttons = []
    for letter, option in zip(LETTERS, item.options or (), strict=False):
        label = one_line(option, BUTTON_LABEL_CHARS) if item.kind == TRUE_FALSE else letter
        buttons.append(make(letter, label, discord.ButtonStyle.primary))
    return buttons


class SoloButton(
    Guarded,
    DynamicItem[Button],
    template=r"cb:qs:(?P<user>\d{1,20}):(?P<token>[0-9a-f]{8}):(?P<q>\d{1,3}):"
    r"(?P<action>[A-H]|next|skip|stop|type)",
):
    """A button of a solo quiz: an option, "answer" (opens the modal), skip, next or stop."""

    def __init__(
        self,
        user: int,
        token: str,
        q: int,
        action: str,
        label: str | None,
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
    ) -> None:
        super().__init__(
            Button(label=label, style=style, custom_id=f"cb:qs:{user}:{token}:{q}:{action}")
        )
        self.user, self.token, self.q, self.action = user, token, q, action

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str]) -> SoloButton:
        return cls(int(match["user"]), match["token"], int(match["q"]), match["action"], item.label)

    async def run(self, interaction: discord.Interaction) -> None:
        await _cog(interaction).solo.on_button(
            interaction, self.user, self.token, self.q, self.action
        )


class GroupButton(
    Guarded,
    DynamicItem[Button],
    template=r"cb:qg:(?P<token>[0-9a-f]{8}):(?P<q>\d{1,3}):(?P<action>[A-H]|stop|type)",
):
    """A button of a channel's quiz: an option, "answer" (opens the modal) or stop."""

    def __init__(
        self,
        token: str,
        q: int,
        action: str,
        label: str | None,
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
    ) -> None:
        super().__init__(Button(label=label, style=style, custom_id=f"cb:qg:{token}:{q}:{action}"))
        self.token, self.q, self.action = token, q, action

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str]) -> GroupButton:
        return cls(match["token"], int(match["q"]), match["action"], item.label)

    async def run(self, interaction: discord.Interaction) -> None:
        await _cog(interaction).group.on_button(interaction, self.token, self.q, self.action)


QUIZ_ITEMS = (SoloButton, GroupButton)


def solo_question_view(user: int, token: str, question: Question, lang: str) -> View:
    """Options (or "answer" for a typed question), then skip and stop."""
    view = Buttons()

    def make(action: str, label: str, style: discord.ButtonStyle) -> SoloButton:
        return SoloButton(user, token, question.index, action, label, style)

    if question.item.kind == TYPED:
        view.add_item(make(TYPE, t("quiz_answer_button", lang), discord.ButtonStyle.primary))
    for button in _choice_buttons(question, make):
        view.add_item(button)
    view.add_item(make(SKIP, t("quiz_skip_button", lang), discord.ButtonStyle.secondary))
    view.add_item(make(STOP, t("quiz_stop_button", lang), discord.ButtonStyle.danger))
    return view


def solo_next_view(user: int, token: str, question: Question, lang: str) -> View:
    """After a reveal: on to the next question, or stop."""
    view = Buttons()
    q = question.index
    view.add_item(
        SoloButton(user, token, q, NEXT, t("quiz_next_button", lang), discord.ButtonStyle.primary)
    )
    view.add_item(
        SoloButton(user, token, q, STOP, t("quiz_stop_button", lang), discord.ButtonStyle.danger)
    )
    return view


def group_question_view(token: str, question: Question, lang: str, typed_in_channel: bool) -> View:
    """Options, or "answer" for a typed question unless answers are read from messages; stop."""
    view = Buttons()

    def make(action: str, label: str, style: discord.ButtonStyle) -> GroupButton:
        return GroupButton(token, question.index, action, label, style)

    if question.item.kind == TYPED and not typed_in_channel:
        view.add_item(make(TYPE, t("quiz_answer_button", lang), discord.ButtonStyle.primary))
    for button in _choice_buttons(question, make):
        view.add_item(button)
    view.add_item(make(STOP, t("quiz_stop_button", lang), discord.ButtonStyle.danger))
    return view


class AnswerModal(discord.ui.Modal):
    """A typed answer: the question's prompt and one text field, handed to ``on_answer``.

    Its custom_id is unique per player and question: discord.py finds a submitted modal by
    custom_id alone. It times out with its question, so unsent modals do not pile up.
    """

    def __init__(
        self,
        custom_id: str,
        question: Question,
        lang: str,
        timeout: float,
        on_answer: AnswerCallback,
    ) -> None:
        title = t("quiz_question", lang, index=question.index, total=question.total)
        super().__init__(
            title=cut(title, MODAL_TITLE_CHARS), custom_id=custom_id, timeout=max(timeout, 1.0)
        )
        self.answer = discord.ui.TextInput(
            custom_id=f"{custom_id}:text", max_length=MAX_ANSWER_CHARS, required=True
        )
        self.add_item(discord.ui.TextDisplay(cut(question.item.prompt, MODAL_TEXT_CHARS)))
        self.add_item(discord.ui.Label(text=t("quiz_modal_label", lang), component=self.answer))
        self.on_answer = on_answer

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await self.on_answer(interaction, self.answer.value)

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        # discord.py would only log it: answer the player politely like any other failure.
        await interaction.client.on_interaction_error(interaction, error)
