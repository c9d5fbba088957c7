"""Buttons: "see more" with ◀ ▶ pages, 👍 / 👎, and "did you mean" choices.

Every button is a ``DynamicItem``: its state lives in its custom_id (``cb:<action>:...:<target>``)
so buttons keep working after a restart or a reload, and the bot stores nothing per message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import discord
from discord.ui import Button, DynamicItem, View

from bot.discord_bot.shared.render import (
    BUTTON_LABEL_CHARS,
    answer_embed,
    module_pages,
    one_line,
    page_embed,
    paginate,
    plain_reply,
    question_of,
    suggest_embed,
)
from bot.discord_bot.shared.sending import NONE
from bot.discord_bot.shared.state import CourseState
from bot.i18n import t
from bot.search.answer import ANSWER, SUGGEST, Answer, target_of

MODULES = "@modules"  # the target of the paged module list


class Buttons(View):
    """A row of ``DynamicItem`` buttons. Each click is routed by its custom_id alone, so
    discord.py need not keep the view: it would otherwise hold every view sent in an ephemeral
    message for 15 minutes, a timer task each (measured in bench/quiz_load.py)."""

    def __init__(self) -> None:
        super().__init__(timeout=None)

    def is_finished(self) -> bool:
        # discord.py stores a view after sending it only while it is not finished.
        return True


@dataclass
class Reply:
    """A message to send: text, embed and buttons; never pings anyone."""

    content: str | None = None
    embed: discord.Embed | None = None
    view: View | None = None

    def kwargs(self, **extra: Any) -> dict[str, Any]:
        """Keyword arguments for ``send_message``/``reply``, plus ``extra``."""
        out: dict[str, Any] = {"allowed_mentions": NONE, **extra}
        if self.content is not None:
            out["content"] = self.content
        if self.embed is not None:
            out["embed"] = self.embed
        if self.view is not None:
            out["view"] = self.view
        return out


class Guarded:
    """Routes a button's failure to the bot's error handler (discord.py would only log it)."""

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self.run(interaction)
        except Exception as exc:
            await interaction.client.on_interaction_error(interaction, exc)

    async def run(self, interaction: discord.Interaction) -> None:
        raise NotImplementedError


def _lang(interaction: discord.Interaction) -> str:
    return interaction.client.lang_for(interaction)


async def _gone(interaction: discord.Interaction) -> None:
    """The target vanished in a reload: say so instead of failing."""
    await interaction.response.send_message(
        t("expired", _lang(interaction)), ephemeral=True, allowed_mentions=NONE
    )


class MoreButton(Guarded, DynamicItem[Button], template=r"cb:more:(?P<target>.+)"):
    """ "Voir plus": the whole passage, privately, one page at a time."""

    def __init__(self, target: str, label: str) -> None:
        super().__init__(
            Button(label=label, style=discord.ButtonStyle.primary, custom_id=f"cb:more:{target}")
        )
        self.target = target

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str]) -> MoreButton:
        return cls(match["target"], item.label or "…")

    async def run(self, interaction: discord.Interaction) -> None:
        reply = page_reply(interaction.client.course_state, self.target, 0, _lang(interaction))
        if reply is None:
            await _gone(interaction)
            return
        await interaction.response.send_message(**reply.kwargs(ephemeral=True))


class PageButton(
    Guarded,
    DynamicItem[Button],
    template=r"cb:page:(?P<step>prev|next):(?P<page>\d{1,4}):(?P<target>.+)",
):
    """◀ / ▶ on a page: shows the previous or next page in place."""

    def __init__(self, step: str, page: int, target: str, disabled: bool = False) -> None:
        super().__init__(
            Button(
                label="◀" if step == "prev" else "▶",
                style=discord.ButtonStyle.secondary,
                custom_id=f"cb:page:{step}:{page}:{target}",
                disabled=disabled,
            )
        )
        self.step, self.page, self.target = step, page, target

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str]) -> PageButton:
        return cls(match["step"], int(match["page"]), match["target"])

    async def run(self, interaction: discord.Interaction) -> None:
        page = self.page + (1 if self.step == "next" else -1)
        reply = page_reply(interaction.client.course_state, self.target, page, _lang(interaction))
        if reply is None:
            await _gone(interaction)
            return
        await interaction.response.edit_message(
            embed=reply.embed, view=reply.view, allowed_mentions=NONE
        )


class VoteButton(
    Guarded, DynamicItem[Button], template=r"cb:vote:(?P<vote>up|down):(?P<target>.+)"
):
    """👍 / 👎 on an answer, kept in the store for the TAs (a 👎 joins ``/unanswered``)."""

    def __init__(self, vote: str, target: str) -> None:
        super().__init__(
            Button(
                emoji="👍" if vote == "up" else "👎",
                style=discord.ButtonStyle.secondary,
                custom_id=f"cb:vote:{vote}:{target}",
            )
        )
        self.vote, self.target = vote, target

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str]) -> VoteButton:
        return cls(match["vote"], match["target"])

    async def run(self, interaction: discord.Interaction) -> None:
        client = interaction.client
        lang = _lang(interaction)
        entry = client.course_state.entry(self.target)
        helpful = self.vote == "up"
        # The question shown on the answer; an answer always shows it, the title is a fallback.
        question = question_of(interaction.message) or (entry.title if entry else self.target)
        saved = await client.records.feedback(
            question,
            entry.key if entry else self.target,
            helpful,
            interaction.user.id,
            interaction.guild_id,
        )
        text = t("feedback_up" if helpful else "feedback_down", lang)
        if not saved:
            text += "\n" + t("store_unavailable", lang)
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NONE)


class PickButton(Guarded, DynamicItem[Button], template=r"cb:pick:(?P<target>.+)"):
    """One "did you mean" choice: answers that passage, privately."""

    def __init__(self, target: str, label: str) -> None:
        super().__init__(
            Button(label=label, style=discord.ButtonStyle.primary, custom_id=f"cb:pick:{target}")
        )
        self.target = target

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str]) -> PickButton:
        return cls(match["target"], item.label or "…")

    async def run(self, interaction: discord.Interaction) -> None:
        state: CourseState = interaction.client.course_state
        entry = state.entry(self.target)
        if entry is None:
            await _gone(interaction)
            return
        answer = state.answer_for(entry, question_of(interaction.message) or "")
        reply = answer_reply(state, answer, _lang(interaction))
        await interaction.response.send_message(**reply.kwargs(ephemeral=True))


DYNAMIC_ITEMS = (MoreButton, PageButton, VoteButton, PickButton)


def answer_reply(state: CourseState, answer: Answer, lang: str) -> Reply:
    """The message for an answer: an embed with buttons, or one kind sentence."""
    if answer.outcome == ANSWER:
        return Reply(embed=answer_embed(answer, lang), view=_answer_view(state, answer, lang))
    if answer.outcome == SUGGEST and answer.alternatives:
        view = Buttons()
        for i, ref in enumerate(answer.alternatives[:3], 1):
            label = one_line(f"{i}. {ref.title}", BUTTON_LABEL_CHARS)
            view.add_item(PickButton(state.encode(target_of(ref)), label))
        return Reply(embed=suggest_embed(answer, lang), view=view)
    return Reply(content=plain_reply(answer, lang))


def _answer_view(state: CourseState, answer: Answer, lang: str) -> View | None:
    target = target_of(answer)
    entry = state.entry(target) if target else None
    if entry is None:
        return None
    encoded = state.encode(target)
    view = Buttons()
    if state.full_text(entry).strip() != (answer.text or "").strip():
        view.add_item(MoreButton(encoded, t("see_more", lang)))
    view.add_item(VoteButton("up", encoded))
    view.add_item(VoteButton("down", encoded))
    # The runners-up, one click away when the answer is not the one the student wanted.
    for ref in answer.other_leads():
        label = one_line(f"→ {ref.title}", BUTTON_LABEL_CHARS)
        view.add_item(PickButton(state.encode(target_of(ref)), label))
    return view


def page_reply(state: CourseState, target: str, page: int, lang: str) -> Reply | None:
    """Page ``page`` of a passage (or of the module list), with ◀ ▶ when there are several."""
    if target == MODULES:
        pages = module_pages(state.course) or [t("no_modules", lang)]
        title = t("modules_title", lang, count=len(state.course.modules))
        footer = ""
    else:
        entry = state.entry(target)
        if entry is None:
            return None
        pages = paginate(state.full_text(entry))
        module = state.module_of(entry)
        title = entry.title
        head = f"{t('module', lang)} {module.id} — {module.title} · " if module else ""
        footer = f"{head}{entry.path}:{entry.line}"
    page = max(0, min(page, len(pages) - 1))
    embed = page_embed(title, pages[page], footer, page, len(pages), lang)
    view = None
    if len(pages) > 1:
        view = Buttons()
        view.add_item(PageButton("prev", page, target, disabled=page == 0))
        view.add_item(PageButton("next", page, target, disabled=page == len(pages) - 1))
    return Reply(embed=embed, view=view)
