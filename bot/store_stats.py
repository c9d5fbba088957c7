"""The aggregate reads behind the TAs' stats, over :class:`bot.store.Store`'s tables.

Every query counts; none returns a user id, so what is built on them cannot name a student.
A window is a guild (``None``: all of them) and a start time (``None``: from the beginning);
days are the server's local calendar days, as the digest's day and hour are.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.store import Store


@dataclass(frozen=True)
class Window:
    """Which records count: one guild or all, from ``since`` (a Unix time) or from the start."""

    guild_id: int | None = None
    since: float | None = None

    def where(self) -> tuple[str, tuple]:
        """The SQL condition (``WHERE …``, or nothing) and its parameters."""
        parts, params = [], []
        if self.guild_id is not None:
            parts.append("guild_id = ?")
            params.append(int(self.guild_id))
        if self.since is not None:
            parts.append("at >= ?")
            params.append(self.since)
        return (" WHERE " + " AND ".join(parts) if parts else ""), tuple(params)


def outcomes_per_module(store: Store, window: Window) -> list[tuple[str | None, str, int]]:
    """``(module_id, outcome, questions)``: how each question asked in the window ended."""
    where, params = window.where()
    rows = store._rows(
        f"SELECT module_id, outcome, COUNT(*) AS n FROM asked{where} GROUP BY module_id, outcome",
        params,
    )
    return [(r["module_id"], r["outcome"], r["n"]) for r in rows]


def votes_per_target(store: Store, window: Window) -> list[tuple[str | None, bool, int]]:
    """``(section or FAQ entry, helpful, votes)``: the 👍/👎 given in the window."""
    where, params = window.where()
    rows = store._rows(
        f"SELECT section_id, helpful, COUNT(*) AS n FROM feedback{where}"
        " GROUP BY section_id, helpful",
        params,
    )
    return [(r["section_id"], bool(r["helpful"]), r["n"]) for r in rows]


def quiz_per_module(store: Store, window: Window) -> list[tuple[str | None, int, int]]:
    """``(module_id, answers, correct)``: quiz answers given in the window."""
    where, params = window.where()
    rows = store._rows(
        f"SELECT module_id, COUNT(*) AS n, SUM(correct) AS ok FROM attempts{where}"
        " GROUP BY module_id",
        params,
    )
    return [(r["module_id"], r["n"], r["ok"] or 0) for r in rows]


def most_missed(store: Store, window: Window, limit: int) -> list[tuple[str, str | None, int, int]]:
    """``(item_key, module_id, misses, answers)``: the facts answered wrong most often."""
    where, params = window.where()
    rows = store._rows(
        "SELECT item_key, MAX(module_id) AS module_id, COUNT(*) - SUM(correct) AS misses,"
        f" COUNT(*) AS n FROM attempts{where} GROUP BY item_key HAVING misses > 0"
        " ORDER BY misses DESC, n DESC, item_key LIMIT ?",
        (*params, limit),
    )
    return [(r["item_key"], r["module_id"], r["misses"], r["n"]) for r in rows]


def _anyone_active(window: Window) -> tuple[str, tuple]:
    """Who did something in the window, once per table row: asked, voted or answered a quiz."""
    where, params = window.where()
    sql = " UNION ALL ".join(
        f"SELECT user_id, at FROM {table}{where}" for table in ("asked", "feedback", "attempts")
    )
    return sql, params * 3


def active_per_day(store: Store, window: Window) -> list[tuple[str, int]]:
    """``(YYYY-MM-DD, students)``: how many different students were active each day."""
    sql, params = _anyone_active(window)
    rows = store._rows(
        "SELECT date(at, 'unixepoch', 'localtime') AS day, COUNT(DISTINCT user_id) AS n"
        f" FROM ({sql}) GROUP BY day ORDER BY day",
        params,
    )
    return [(r["day"], r["n"]) for r in rows]


def active_students(store: Store, window: Window) -> int:
    """How many different students were active in the whole window."""
    sql, params = _anyone_active(window)
    rows = store._rows(f"SELECT COUNT(DISTINCT user_id) AS n FROM ({sql})", params)
    return rows[0]["n"] if rows else 0
