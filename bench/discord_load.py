"""How far one bot process goes: N concurrent /ask through the real command tree.

    python bench/discord_load.py [-n 1000] [--rtt-ms 0] [--content DIR]

Builds the bot with ``create_bot`` (on the full course when it is beside the repository, else on
``content/``), then runs /ask interactions built from gateway-style payloads — the same fake
interactions as the tests — first one at a time, then all at once, with Discord's reply call
taking ``--rtt-ms`` (0: no network at all, the process's own cost). Each /ask comes from a
different student, so the per-user cooldown refuses none; a refusal, a missing reply or an
exception counts as an error.

Columns: handler p50/p99 is the time inside one /ask (reply call included, and the saving of an
unanswered or unsure question to SQLite after it); "waited p99" is the time from the burst's
arrival to the end of that handler, queueing included; "to reply p99" the time from the arrival
(of the burst, or of the command one at a time) to the reply; cmd/s is the throughput.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import time
from dataclasses import dataclass, replace
from pathlib import Path

import psutil

from bot.config import SearchSettings
from bot.discord_bot.testing import (
    RESPONSE_DEFERRED,
    FakeDiscord,
    fake_discord,
    settings_for,
    student,
)
from common import CORPUS, EMBEDDINGS, QUESTIONS, ROOT, load_questions, table


@dataclass
class Result:
    handler: float  # seconds inside the command (saving an unanswered question included)
    done: float  # perf_counter when the command finished
    replied: float  # perf_counter when the reply was sent
    ok: bool


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def timed_ask(fake: FakeDiscord, number: int, question: str) -> Result:
    """One /ask from student ``number``."""
    interaction = fake.command("ask", student(number), question=question)
    reply = fake.expect(interaction.token)
    replied = 0.0

    async def note_reply() -> None:
        nonlocal replied
        await reply.wait()
        replied = time.perf_counter()

    watch = asyncio.create_task(note_reply())
    start = time.perf_counter()
    try:
        await fake.bot.tree._call(interaction)
        ok = True
    except Exception:
        ok = False
    end = time.perf_counter()
    if ok:
        await asyncio.wait_for(watch, timeout=5)
    else:
        watch.cancel()
    # One public reply (after a deferral when answering took long): an answer, a suggestion
    # or an abstention. Ephemeral = refusal or error.
    replies = [r for r in fake.replies_to(interaction.token)
               if not (r.kind == "response" and r.type == RESPONSE_DEFERRED)]
    ok = ok and len(replies) == 1 and not replies[0].ephemeral
    return Result(end - start, end, replied or end, ok)


async def burst(fake: FakeDiscord, asks: list[tuple[int, str]], together: bool) -> dict:
    start = time.perf_counter()
    if together:
        results = await asyncio.gather(*(timed_ask(fake, i, q) for i, q in asks))
    else:
        results = [await timed_ask(fake, i, q) for i, q in asks]
    wall = time.perf_counter() - start
    handler = [r.handler * 1000 for r in results]
    waited = [(r.done - start) * 1000 for r in results] if together else handler
    first = start if together else None
    to_reply = [(r.replied - (first or r.done - r.handler)) * 1000 for r in results]
    return {
        "mode": f"{len(asks)} at once" if together else "one at a time",
        "commands": len(asks),
        "errors": sum(not r.ok for r in results),
        "handler p50 ms": percentile(handler, 0.50),
        "handler p99 ms": percentile(handler, 0.99),
        "waited p99 ms": percentile(waited, 0.99),
        "to reply p99 ms": percentile(to_reply, 0.99),
        "cmd/s": len(asks) / wall,
        "peak RSS MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


async def run(n: int, content: Path, rtt_ms: float) -> list[dict]:
    # The search by meaning as the bot serves it, its index read from the bench's cache.
    settings = replace(settings_for(content), search=SearchSettings(embeddings=str(EMBEDDINGS)))
    fake = await fake_discord(settings)
    hybrid = await asyncio.to_thread(fake.bot.app.engine.wait_dense, 900)
    print(f"search: {'hybrid (dense index ready)' if hybrid else 'lexical'}")
    fake.network_delay = rtt_ms / 1000
    questions = [q.text for q in load_questions(QUESTIONS / "docker.yaml")]
    asks = [(i, questions[i % len(questions)]) for i in range(n)]
    rows = [await burst(fake, asks, together=False)]
    fake.sent.clear()
    # Fresh students for the burst: the first pass spent the others' cooldown budget.
    rows.append(await burst(fake, [(n + i, q) for i, q in asks], together=True))
    return rows


def print_table(rows: list[dict]) -> None:
    cells = [[f"{v:.2f}" if isinstance(v, float) else v for v in row.values()] for row in rows]
    print(table(list(rows[0]), cells))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1000, help="number of /ask (default 1000)")
    parser.add_argument("--rtt-ms", type=float, default=0.0, help="simulated Discord reply time")
    parser.add_argument("--content", type=Path, default=None, help="content folder")
    args = parser.parse_args()
    content = args.content or (CORPUS if CORPUS.is_dir() else ROOT / "content")
    rows = asyncio.run(run(args.n, content, args.rtt_ms))
    from bot.course.loader import load_course

    modules = len(load_course(content).course.modules)
    print(
        f"content: {content} ({modules} modules), reply call: {args.rtt_ms:g} ms, "
        f"RSS now {psutil.Process().memory_info().rss / 2**20:.1f} MB"
    )
    print_table(rows)
    return 1 if any(row["errors"] for row in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
