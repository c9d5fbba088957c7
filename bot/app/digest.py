"""When the weekly digest is due: on the configured day, from the configured hour (the server's
local time), once per week. A bot that was down at that hour and comes back the same day posts
it late; one that comes back on a later day waits for the next week, rather than posting a
digest of a week that is long over."""

from __future__ import annotations

from datetime import datetime

from bot.config import WEEKDAYS

__all__ = ["WEEKDAYS", "digest_due", "week_key"]


def week_key(moment: datetime) -> str:
    """The ISO week of ``moment``, as ``2026-W49``."""
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def digest_due(now: float, day: str, hour: int, last_week: str | None) -> str | None:
    """The week whose digest is due at ``now`` (a Unix time), or None: it is due on ``day``
    (a name of WEEKDAYS) from ``hour`` to midnight, unless ``last_week`` already got it."""
    moment = datetime.fromtimestamp(now)
    if moment.weekday() != WEEKDAYS.index(day) or moment.hour < hour:
        return None
    week = week_key(moment)
    return None if week == last_week else week
