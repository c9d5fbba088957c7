"""Display names that can be shown anywhere: no mention, no Markdown, one short line.

The store keeps user ids only. Without the privileged members intent the member cache is nearly
empty, so the bot remembers the names of the people it meets in quizzes (the only ones with
scores) and asks Discord for the rest, falling back to an anonymous label.
"""

from __future__ import annotations

import logging
from collections import OrderedDict

import discord

from bot.discord_bot.shared.render import one_line
from bot.discord_bot.shared.sending import SEND_ERRORS, describe
from bot.i18n import t

log = logging.getLogger("coursebot.discord")

NAME_CHARS = 40


def safe_name(name: str) -> str:
    """``name`` on one line, its @mentions broken and its Markdown escaped."""
    text = one_line(discord.utils.escape_mentions(name), NAME_CHARS)
    return discord.utils.escape_markdown(text)


class DisplayNames:
    """The latest display name of each user met, most recent kept when full."""

    def __init__(self, limit: int = 10_000) -> None:
        self.limit = limit
        self._names: OrderedDict[int, str] = OrderedDict()

    def remember(self, user: discord.abc.User) -> str:
        """Note ``user``'s display name; the safe form of it."""
        name = safe_name(user.display_name)
        self._names[user.id] = name
        self._names.move_to_end(user.id)
        while len(self._names) > self.limit:
            self._names.popitem(last=False)
        return name

    def forget(self, user_id: int) -> None:
        """Drop a user's name (they deleted their data)."""
        self._names.pop(user_id, None)

    async def resolve(self, guild: discord.Guild | None, user_id: str, lang: str) -> str:
        """A safe name for the stored ``user_id``: remembered, cached, fetched, or anonymous."""
        if not user_id.isdigit():
            return safe_name(user_id)  # not a Discord id (the terminal's user name)
        return await self._discord_name(guild, int(user_id), lang)

    async def _discord_name(self, guild: discord.Guild | None, user_id: int, lang: str) -> str:
        name = self._names.get(user_id)
        if name is not None:
            return name
        member = guild.get_member(user_id) if guild else None
        if member is None and guild is not None:
            try:
                member = await guild.fetch_member(user_id)
            except SEND_ERRORS as exc:  # left the server, or Discord said no: stay anonymous
                log.info("no name for user %s: %s", user_id, describe(exc))
        if member is not None:
            return self.remember(member)
        return t("someone", lang, suffix=str(user_id)[-4:])
