"""``/settings`` (TA): this server's language, help channels and unprompted answers, stored in
SQLite over the configuration file's values."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot.settings.guild_config import (
    HELP_ANSWERS,
    HELP_CHANNELS,
    LANGUAGE,
    OFF,
    ON,
    GuildConfig,
    encode_channels,
)
from bot.discord_bot.shared.checks import ta_only
from bot.discord_bot.shared.render import COLOUR_PAGE, FIELD_CHARS, lines_within
from bot.discord_bot.shared.sending import NONE, tell
from bot.discord_bot.shared.translator import lstr
from bot.i18n import t
from bot.store import StoreUnavailable

DEFAULT = "default"
ADD, REMOVE = "add", "remove"
Choice = app_commands.Choice


def settings_embed(config: GuildConfig, lang: str, needs_intent: bool) -> discord.Embed:
    """The settings in force, each marked when it comes from the configuration file."""

    def origin(key: str) -> str:
        return "" if key in config.changed else " " + t("settings_from_file", lang)

    answers = t("settings_on" if config.answer_in_help_channels else "settings_off", lang)
    channels = [f"<#{c}>" for c in config.help_channels] or [t("settings_none", lang)]
    embed = discord.Embed(title=t("settings_title", lang), colour=COLOUR_PAGE)
    embed.add_field(name=t("settings_language", lang), value=config.language + origin(LANGUAGE))
    embed.add_field(name=t("settings_help_answers", lang), value=answers + origin(HELP_ANSWERS))
    embed.add_field(
        name=t("settings_help_channels", lang),
        value=lines_within([", ".join(channels) + origin(HELP_CHANNELS)], FIELD_CHARS),
        inline=False,
    )
    if needs_intent and config.answer_in_help_channels:
        embed.set_footer(text=t("settings_needs_intent", lang))
    return embed


class SettingsCog(commands.Cog):
    """Per-server settings, changed by the course staff at run time."""

    settings = app_commands.Group(
        name="settings", description=lstr("cmd_settings"), guild_only=True
    )

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    async def _reply(
        self, interaction: discord.Interaction, config: GuildConfig, saved: bool
    ) -> None:
        lang = self.bot.lang_for(interaction)
        needs_intent = not self.bot.settings.discord.message_content
        await interaction.response.send_message(
            t("settings_saved", lang) if saved else None,
            embed=settings_embed(config, lang, needs_intent),
            ephemeral=True,
            allowed_mentions=NONE,
        )

    async def _set(self, interaction: discord.Interaction, key: str, value: str | None) -> None:
        try:
            config = await self.bot.guild_configs.set(interaction.guild_id, key, value)
        except StoreUnavailable:
            await tell(interaction, t("settings_not_saved", self.bot.lang_for(interaction)))
            return
        await self._reply(interaction, config, saved=True)

    @settings.command(name="show", description=lstr("cmd_settings_show"))
    @ta_only()
    async def show(self, interaction: discord.Interaction) -> None:
        """The settings in force on this server."""
        await self._reply(interaction, self.bot.guild_configs.get(interaction.guild_id), False)

    @settings.command(name="answer_in_help_channels", description=lstr("cmd_settings_help_answers"))
    @app_commands.describe(value=lstr("cmd_settings_value"))
    @app_commands.choices(
        value=[
            Choice(name=lstr("choice_on"), value=ON),
            Choice(name=lstr("choice_off"), value=OFF),
            Choice(name=lstr("choice_default"), value=DEFAULT),
        ]
    )
    @ta_only()
    async def help_answers(self, interaction: discord.Interaction, value: str) -> None:
        """Answer confident matches to questions in help channels without a mention, or not."""
        await self._set(interaction, HELP_ANSWERS, None if value == DEFAULT else value)

    @settings.command(name="help_channel", description=lstr("cmd_settings_help_channel"))
    @app_commands.describe(action=lstr("cmd_settings_action"), channel=lstr("cmd_settings_channel"))
    @app_commands.choices(
        action=[
            Choice(name=lstr("choice_add"), value=ADD),
            Choice(name=lstr("choice_remove"), value=REMOVE),
        ]
    )
    @ta_only()
    async def help_channel(
        self,
        interaction: discord.Interaction,
        action: str,
        channel: discord.TextChannel | discord.ForumChannel,
    ) -> None:
        """Add a help channel (forums count with their posts) or remove one."""
        current = set(self.bot.guild_configs.get(interaction.guild_id).help_channels)
        wanted = current | {channel.id} if action == ADD else current - {channel.id}
        await self._set(interaction, HELP_CHANNELS, encode_channels(tuple(sorted(wanted))))

    @settings.command(name="language", description=lstr("cmd_settings_language"))
    @app_commands.describe(value=lstr("cmd_settings_value"))
    @app_commands.choices(
        value=[
            Choice(name="français", value="fr"),
            Choice(name="English", value="en"),
            Choice(name=lstr("choice_default"), value=DEFAULT),
        ]
    )
    @ta_only()
    async def language(self, interaction: discord.Interaction, value: str) -> None:
        """The language of public messages here, and of users whose client is in neither."""
        await self._set(interaction, LANGUAGE, None if value == DEFAULT else value)
