"""Who may do what: the TA check and the per-user question cooldown."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

import discord
from discord import app_commands

from bot.config import CooldownSettings


class NotTA(app_commands.CheckFailure):
    """The user lacks the TA role and the Manage Server permission."""

    def __init__(self, role: str) -> None:
        super().__init__(f"TA role {role!r} or Manage Server required")
        self.role = role


class UserCooldown:
    """At most ``burst`` questions per user in any window of ``seconds`` (a sliding window).

    Shared by ``/ask`` and mentions so one cannot be used to get around the other.
    """

    # Forget idle users every so often so the table does not grow with every student ever seen.
    PRUNE_EVERY = 1024

    def __init__(
        self, seconds: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.seconds = seconds
        self.burst = burst
        self.clock = clock
        self._hits: dict[int, deque[float]] = {}
        self._calls = 0

    @classmethod
    def from_settings(cls, settings: CooldownSettings) -> UserCooldown:
        """The cooldown ``cooldowns.ask_seconds`` / ``cooldowns.ask_burst`` describe."""
        return cls(settings.ask_seconds, settings.ask_burst)

    def hit(self, user_id: int) -> float:
        """Count one question; 0 when allowed, else the seconds to wait (nothing counted)."""
        if self.seconds <= 0:
            return 0.0
        now = self.clock()
        self._calls += 1
        if self._calls % self.PRUNE_EVERY == 0:
            self._prune(now)
        hits = self._hits.setdefault(user_id, deque())
        while hits and now - hits[0] >= self.seconds:
            hits.popleft()
        if len(hits) >= self.burst:
            return self.seconds - (now - hits[0])
        hits.append(now)
        return 0.0

    def _prune(self, now: float) -> None:
        idle = [u for u, h in self._hits.items() if not h or now - h[-1] >= self.seconds]
        for user_id in idle:
            del self._hits[user_id]


def is_ta(member: discord.abc.User, permissions: discord.Permissions, role: str) -> bool:
    """True for Manage Server, or a role named ``role`` (or whose id is ``role``)."""
    if permissions.manage_guild:
        return True
    roles = getattr(member, "roles", ())
    return any(r.name == role or str(r.id) == role for r in roles)


def ta_only() -> Callable:
    """An app-command check: the configured TA role or Manage Server, on a server."""

    async def predicate(interaction: discord.Interaction) -> bool:
        if interaction.guild_id is None:
            raise app_commands.NoPrivateMessage()
        role = interaction.client.settings.discord.ta_role
        if is_ta(interaction.user, interaction.permissions, role):
            return True
        raise NotTA(role)

    return app_commands.check(predicate)


def ask_cooldown() -> Callable:
    """An app-command check spending one question of the user's cooldown."""

    async def predicate(interaction: discord.Interaction) -> bool:
        cooldown: UserCooldown = interaction.client.cooldown
        retry = cooldown.hit(interaction.user.id)
        if retry:
            raise app_commands.CommandOnCooldown(
                app_commands.Cooldown(cooldown.burst, cooldown.seconds), retry
            )
        return True

    return app_commands.check(predicate)
