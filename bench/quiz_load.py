"""How far one bot process goes with quizzes: concurrent solo quizzes played to the end through
the real command tree and button interactions, in waves, until 10,000 questions are answered.

    python bench/quiz_load.py [--sessions 200] [--questions 5] [--waves 10] [--rtt-ms 0]
                              [--content DIR]

Builds the bot with ``create_bot`` on the full course when it is beside the repository (else on
``content/``) with a SQLite file in a temporary folder, then per wave starts ``--sessions`` solo
``/quiz`` at once, each from a different student on a module with questions (one in ten a
review quiz over the whole course), and answers every question: a click on an option, or for a
typed question the "answer" button and a submitted modal, then "next", until the summary. The
interactions are the tests' fake gateway payloads; Discord's reply call takes ``--rtt-ms``.

Then as many quizzes are started and abandoned, with a 0.5 s per-question timeout, to check that
sessions expire and are removed.

An error is an exception, a missing reply, an apology, or a quiz whose summary does not count
every question. "reply" is per interaction, from its arrival to the bot's first reply (what
Discord's 3 s rule is about; /quiz defers); "quiz ready" is from /quiz to question 1. RSS is taken
after 1,000 questions and after the last wave (memory should stay flat: finished sessions are
dropped); the run fails when the quiz service or the bot still holds a session at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import gc
import random
import resource
import tempfile
import time
from pathlib import Path

import psutil

from bot.config import QuizSettings
from bot.discord_bot.testing import (
    FakeDiscord,
    Person,
    Sent,
    fake_discord,
    member_payload,
    quiz_cog,
    reply_for,
    settings_for,
)
from bot.i18n import t
from bot.quiz.service import NoItems
from bot.store import Store
from common import CORPUS, ROOT, table

REVIEW_EVERY = 10  # one session in ten: a review quiz over the whole course
ABANDON_TIMEOUT = 0.5


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def rss_mb() -> float:
    gc.collect()
    return psutil.Process().memory_info().rss / 2**20


@dataclasses.dataclass
class Tally:
    latencies: list[float] = dataclasses.field(default_factory=list)  # ms per interaction
    ready: list[float] = dataclasses.field(default_factory=list)  # ms from /quiz to question 1
    questions: int = 0
    errors: int = 0
    reasons: dict[str, int] = dataclasses.field(default_factory=dict)

    def error(self, reason: str) -> None:
        self.errors += 1
        self.reasons[reason] = self.reasons.get(reason, 0) + 1


class Player:
    """One student playing one solo quiz to the end."""

    def __init__(self, fake: FakeDiscord, number: int, tally: Tally, rng: random.Random) -> None:
        self.fake, self.tally, self.rng = fake, tally, rng
        self.who = Person(member_payload(100_000 + number, f"s{number}"))

    async def timed(self, call) -> Sent | None:
        start = time.perf_counter()
        try:
            reply = await call
        except Exception as exc:  # a missing reply (timeout) or a failure: count, go on
            self.tally.error(type(exc).__name__)
            return None
        self.tally.latencies.append((time.perf_counter() - start) * 1000)
        if reply.content == t("error_generic", "fr"):
            self.tally.error("apology")
            return None
        return reply

    async def start(self, module: str | None, questions: int) -> Sent | None:
        """``/quiz``: its acknowledgement time (the 3 s rule) and the time until question 1."""
        options = {"questions": questions} | ({"module": module} if module else {})
        interaction = self.fake.command("quiz", self.who, **options)
        acknowledged = self.fake.expect(interaction.token)
        start = time.perf_counter()
        call = asyncio.create_task(self.fake.bot.tree._call(interaction))
        await acknowledged.wait()
        self.tally.latencies.append((time.perf_counter() - start) * 1000)
        await call
        self.tally.ready.append((time.perf_counter() - start) * 1000)
        replies = self.fake.replies_to(interaction.token)
        if not replies or not replies[-1].embeds:
            self.tally.error("no quiz")
            return None
        return replies[-1]

    async def play(self, module: str | None, questions: int) -> None:
        message = await self.start(module, questions)
        answered = 0
        while message is not None:
            quiz = self.fake.bot.quiz_service.solo(str(self.who.id))
            if quiz is None or quiz.current is None:
                self.tally.error("lost session")
                return
            item = quiz.current.item
            text = reply_for(item, self.rng.random() < 0.7)
            ids = {b["custom_id"].rsplit(":", 1)[1]: b["custom_id"] for b in message.buttons}
            if item.options is None:
                modal = await self.timed(self.fake.press(message, ids["type"], self.who))
                if modal is None:
                    return
                custom_id = modal.data["custom_id"]
                call = self.fake.press(modal, custom_id, self.who, value=text, on=message)
            else:
                call = self.fake.press(message, ids[text], self.who)
            verdict = await self.timed(call)
            if verdict is None:
                return
            answered += 1
            self.tally.questions += 1
            following = [b for b in verdict.buttons if b["custom_id"].endswith(":next")]
            if not following:
                summary = verdict.embeds[-1]["description"] if verdict.embeds else ""
                if f"/{answered}," not in summary:
                    self.tally.error("summary")
                return
            following_id = following[0]["custom_id"]
            message = await self.timed(self.fake.press(verdict, following_id, self.who))


def quiz_modules(fake: FakeDiscord) -> list[str]:
    """The modules that have quiz questions."""
    service = fake.bot.quiz_service
    found = []
    for module in service.course.modules:
        try:
            if service.items(module.id, random.Random(0)):
                found.append(module.id)
        except NoItems:
            continue
    return found


async def wave(fake: FakeDiscord, first: int, sessions: int, questions: int, modules, tally):
    rng = random.Random(first)
    players = [Player(fake, first + i, tally, rng) for i in range(sessions)]
    plays = [
        p.play(None if (first + i) % REVIEW_EVERY == 0 else modules[(first + i) % len(modules)],
               questions)
        for i, p in enumerate(players)
    ]  # fmt: skip
    await asyncio.gather(*plays)
    fake.forget()


def held(fake: FakeDiscord) -> tuple[int, int]:
    """Sessions the core service and the bot's front end still hold."""
    service = fake.bot.quiz_service
    return len(service._solo) + len(service._group), len(quiz_cog(fake).solo.runs)


async def bench_bot(settings, database: Path) -> FakeDiscord:
    """The bot with its polite error handler: a failure is an apology, counted as an error."""
    fake = await fake_discord(settings, store=Store(database))
    fake.bot.on_interaction_error = type(fake.bot).on_interaction_error.__get__(fake.bot)
    return fake


async def played(args, content: Path, database: Path) -> tuple[list[dict], Tally, tuple]:
    fake = await bench_bot(settings_for(content), database)
    fake.network_delay = args.rtt_ms / 1000
    modules = quiz_modules(fake)
    tally = Tally()
    rows = []
    started = time.perf_counter()
    for number in range(args.waves):
        await wave(fake, number * args.sessions, args.sessions, args.questions, modules, tally)
        if number == 0 or number == args.waves - 1:
            rows.append(
                {
                    "questions": tally.questions,
                    "interactions": len(tally.latencies),
                    "errors": tally.errors,
                    "reply p50 ms": percentile(tally.latencies, 0.50),
                    "reply p99 ms": percentile(tally.latencies, 0.99),
                    "reply max ms": max(tally.latencies, default=0.0),
                    "quiz ready p99 ms": percentile(tally.ready, 0.99),
                    "interactions/s": len(tally.latencies) / (time.perf_counter() - started),
                    "RSS MB": rss_mb(),
                    "sessions held": "{} core / {} bot".format(*held(fake)),
                }
            )
    left = held(fake)
    await fake.bot.close()
    return rows, tally, left


async def abandoned(args, content: Path, database: Path) -> dict:
    quiz = QuizSettings(questions=args.questions, solo_timeout_seconds=ABANDON_TIMEOUT)
    fake = await bench_bot(settings_for(content, quiz=quiz), database)
    modules = quiz_modules(fake)
    tally = Tally()
    players = [Player(fake, 900_000 + i, tally, random.Random(i)) for i in range(args.sessions)]
    await asyncio.gather(*(p.start(modules[i % len(modules)], None) for i, p in enumerate(players)))
    before = held(fake)
    # A question times out at 0.5 s, the idle quiz ends 0.5 s later: wait for both.
    await asyncio.sleep(ABANDON_TIMEOUT * 2 + 0.5)
    after = held(fake)
    await fake.bot.close()
    return {"abandoned": args.sessions, "held before": before, "held after": after,
            "errors": tally.errors}  # fmt: skip


def print_table(rows: list[dict]) -> None:
    cells = [[f"{v:.2f}" if isinstance(v, float) else v for v in row.values()] for row in rows]
    print(table(list(rows[0]), cells))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=200, help="concurrent quizzes per wave")
    parser.add_argument("--questions", type=int, default=5, help="questions per quiz")
    parser.add_argument("--waves", type=int, default=10, help="waves of concurrent quizzes")
    parser.add_argument("--rtt-ms", type=float, default=0.0, help="simulated Discord reply time")
    parser.add_argument("--content", type=Path, default=None, help="content folder")
    args = parser.parse_args()
    content = args.content or (CORPUS if CORPUS.is_dir() else ROOT / "content")
    with tempfile.TemporaryDirectory(prefix="coursebot-quiz-load-") as folder:
        database = Path(folder) / "bot.sqlite3"
        start_rss = rss_mb()
        rows, tally, left = asyncio.run(played(args, content, database))
        expiry = asyncio.run(abandoned(args, content, database))
        size = database.stat().st_size / 2**20
    print(
        f"content: {content}, {args.sessions} concurrent solo quizzes x {args.questions} "
        f"questions x {args.waves} waves, reply call {args.rtt_ms:g} ms, SQLite file "
        f"{size:.1f} MB; RSS at start {start_rss:.1f} MB"
    )
    print_table(rows)
    print(
        f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB; "
        f"errors by kind: {tally.reasons or 'none'}"
    )
    print(
        "abandoned quizzes (timeout {:.1f} s): {abandoned} started, held (core/bot) {held before}"
        " -> {held after} after expiry; errors {errors}".format(ABANDON_TIMEOUT, **expiry)
    )
    failed = tally.errors or expiry["errors"] or any(left) or any(expiry["held after"])
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
