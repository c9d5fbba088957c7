"""``/privacy export`` (everything stored about me, as a JSON file) and ``/privacy delete``
(everything stored about me, after a confirmation button)."""

from __future__ import annotations

import asyncio
import gzip
import io
import json
import re

import discord
from discord import app_commands
from discord.ext import commands
from discord.ui import Button, DynamicItem

from bot.discord_bot.ask.views import Buttons, Guarded
from bot.discord_bot.shared.sending import NONE, tell
from bot.discord_bot.shared.translator import lstr
from bot.i18n import t
from bot.store import StoreUnavailable

DELETE, KEEP = "delete", "keep"


class PrivacyButton(
    Guarded, DynamicItem[Button], template=r"cb:priv:(?P<action>delete|keep):(?P<user>\d{1,20})"
):
    """Confirm or cancel a deletion; only the student whose data it is may click."""

    def __init__(self, action: str, user: int, label: str | None) -> None:
        style = discord.ButtonStyle.danger if action == DELETE else discord.ButtonStyle.secondary
        super().__init__(Button(label=label, style=style, custom_id=f"cb:priv:{action}:{user}"))
        self.action, self.user = action, user

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str]) -> PrivacyButton:
        return cls(match["action"], int(match["user"]), item.label)

    async def run(self, interaction: discord.Interaction) -> None:
        await interaction.client.get_cog("PrivacyCog").on_button(
            interaction, self.action, self.user
        )


PRIVACY_ITEMS = (PrivacyButton,)


def export_file(data: dict, user_id: int, limit: int) -> tuple[discord.File, bool] | None:
    """The export as a file within ``limit`` bytes (gzipped when needed: True), or None."""
    raw = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    name = f"coursebot-{user_id}.json"
    compressed = len(raw) > limit
    if compressed:
        raw, name = gzip.compress(raw), name + ".gz"
    if len(raw) > limit:
        return None
    return discord.File(io.BytesIO(raw), filename=name), compressed


class PrivacyCog(commands.Cog):
    """A student's own data: a copy on request, and deletion."""

    privacy = app_commands.Group(name="privacy", description=lstr("cmd_privacy"))

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @privacy.command(name="export", description=lstr("cmd_privacy_export"))
    async def export(self, interaction: discord.Interaction) -> None:
        """Everything the store keeps about the student, as a private file."""
        lang = self.bot.lang_for(interaction)
        user_id = interaction.user.id
        try:
            data = await asyncio.to_thread(self.bot.store.export_user, str(user_id))
        except StoreUnavailable:
            await tell(interaction, t("store_unreadable", lang))
            return
        made = export_file(data, user_id, interaction.filesize_limit)
        if made is None:
            await tell(interaction, t("privacy_export_too_big", lang))
            return
        file, compressed = made
        text = t("privacy_export_compressed" if compressed else "privacy_export_done", lang)
        await interaction.response.send_message(
            text, file=file, ephemeral=True, allowed_mentions=NONE
        )

    @privacy.command(name="delete", description=lstr("cmd_privacy_delete"))
    async def delete(self, interaction: discord.Interaction) -> None:
        """Ask for confirmation before deleting anything."""
        lang = self.bot.lang_for(interaction)
        user_id = interaction.user.id
        view = Buttons()
        view.add_item(PrivacyButton(DELETE, user_id, t("privacy_delete_button", lang)))
        view.add_item(PrivacyButton(KEEP, user_id, t("privacy_keep_button", lang)))
        await interaction.response.send_message(
            t("privacy_delete_confirm", lang), view=view, ephemeral=True, allowed_mentions=NONE
        )

    async def on_button(self, interaction: discord.Interaction, action: str, user_id: int) -> None:
        """Delete (ending the student's running quiz first) or leave everything as it is."""
        lang = self.bot.lang_for(interaction)
        if interaction.user.id != user_id:
            await tell(interaction, t("privacy_not_yours", lang))
            return
        if action == KEEP:
            text = t("privacy_kept", lang)
        else:
            # A running quiz would save new answers right after the deletion.
            quizzes = self.bot.get_cog("QuizCog")
            await quizzes.solo.forget(user_id)
            quizzes.group.stop_recording(user_id)
            self.bot.names.forget(user_id)
            try:
                removed = await asyncio.to_thread(self.bot.store.delete_user, str(user_id))
            except StoreUnavailable:
                text = t("settings_not_saved", lang)
            else:
                text = t("privacy_deleted", lang, count=sum(removed.values()))
        await interaction.response.edit_message(content=text, view=None, allowed_mentions=NONE)
