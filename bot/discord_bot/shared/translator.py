"""Command descriptions in French by default, English through ``app_commands.Translator``.

Every translatable string is a ``locale_str`` whose ``key`` names a message of
``bot/locales/*.yaml``, so commands and replies share one catalogue per language.
"""

from __future__ import annotations

import discord
from discord import app_commands

from bot.i18n import DEFAULT_LANGUAGE, LANGUAGES, catalogue, t

ENGLISH_LOCALES = {discord.Locale.american_english, discord.Locale.british_english}


def lstr(key: str) -> app_commands.locale_str:
    """The French text of ``key``, translatable by ``CourseTranslator``."""
    return app_commands.locale_str(t(key, "fr"), key=key)


class CourseTranslator(app_commands.Translator):
    """English for the English locales; other locales keep the French default."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        key = string.extras.get("key")
        if key is None or locale not in ENGLISH_LOCALES:
            return None
        return catalogue("en").get(key)


def language_of(locale: discord.Locale | None, default: str = DEFAULT_LANGUAGE) -> str:
    """``fr`` or ``en`` from a Discord locale; other locales get the configured default."""
    if locale is None:
        return default
    code = locale.value.split("-")[0]
    return code if code in LANGUAGES else default


def interaction_language(interaction: discord.Interaction, default: str) -> str:
    """The language to answer one user in: their client's locale when we speak it."""
    return language_of(interaction.locale, default)
