"""Per-guild settings a TA changes with ``/settings``, stored in SQLite over the config file's.

The store keeps text values (``language``: fr|en; ``answer_in_help_channels``: on|off;
``help_channels``: comma-separated ids); a missing key means "the configuration file's value".
Settings are read on every message in help channels, so each guild's are cached in memory and
the cache is refreshed when ``/settings`` writes.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from bot.config import Settings
from bot.i18n import LANGUAGES
from bot.store import Store

log = logging.getLogger("coursebot.discord")

LANGUAGE = "language"
HELP_ANSWERS = "answer_in_help_channels"
HELP_CHANNELS = "help_channels"
KEYS = (LANGUAGE, HELP_ANSWERS, HELP_CHANNELS)
ON, OFF = "on", "off"


@dataclass(frozen=True)
class GuildConfig:
    """The settings in force in one guild, and which of them a TA changed."""

    language: str
    answer_in_help_channels: bool
    help_channels: tuple[int, ...]
    changed: frozenset[str] = frozenset()  # keys stored for this guild (others: the file's)


def encode_channels(channels: tuple[int, ...]) -> str:
    """``help_channels`` as stored: ids joined by commas (empty text for none)."""
    return ",".join(str(c) for c in channels)


def resolve(settings: Settings, stored: dict[str, str]) -> GuildConfig:
    """The file's settings overlaid with the stored ones; a value the bot cannot read is logged
    and ignored rather than trusted."""
    language = settings.language
    answers = settings.discord.answer_in_help_channels
    channels = tuple(settings.discord.help_channels)
    changed = set()
    value = stored.get(LANGUAGE)
    if value in LANGUAGES:
        language = value
        changed.add(LANGUAGE)
    value = stored.get(HELP_ANSWERS)
    if value in (ON, OFF):
        answers = value == ON
        changed.add(HELP_ANSWERS)
    value = stored.get(HELP_CHANNELS)
    if value is not None:
        parts = [p for p in value.split(",") if p.strip()]
        if all(p.strip().isdigit() for p in parts):
            channels = tuple(int(p) for p in parts)
            changed.add(HELP_CHANNELS)
    unreadable = {k: v for k, v in stored.items() if k in KEYS and k not in changed}
    if unreadable:
        log.warning("ignoring unreadable guild settings %s", unreadable)
    return GuildConfig(language, answers, channels, frozenset(changed))


class GuildConfigs:
    """The settings of each guild, read from the store once and cached."""

    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings = settings
        self.store = store
        self._cache: dict[int, GuildConfig] = {}
        self._default = resolve(settings, {})

    def get(self, guild_id: int | None) -> GuildConfig:
        """One guild's settings (the file's outside a guild). The first read of a guild is a
        small indexed SQLite query; later ones come from memory."""
        if guild_id is None:
            return self._default
        config = self._cache.get(guild_id)
        if config is None:
            config = resolve(self.settings, self.store.guild_settings(guild_id))
            self._cache[guild_id] = config
        return config

    async def set(self, guild_id: int, key: str, value: str | None) -> GuildConfig:
        """Store one setting (None: back to the file's value) and return the new settings.
        Raises ``StoreUnavailable`` when the store cannot be written."""
        if key not in KEYS:
            raise KeyError(key)
        await asyncio.to_thread(self.store.set_guild_setting, guild_id, key, value)
        self._cache.pop(guild_id, None)
        return self.get(guild_id)
