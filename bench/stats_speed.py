"""How long ``stats`` takes over a busy term: 100,000 recorded questions and 50,000 quiz answers
(target: the whole ``python -m bot stats`` command in 2 s or less).

The database is filled with the bench's own question sets (their texts, so that grouping the
unanswered ones costs what it would), spread over 60 days, 300 students and the course's modules;
about 70 % of the questions answered, 20 % with suggestions, 10 % unanswered, and 70 % of the
quiz answers right. ``--png FILE`` also writes that database's chart sheet (the README's).

    .venv/bin/python bench/stats_speed.py
    .venv/bin/python bench/stats_speed.py --png docs/stats-example.png --since 30d
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.app.engine import load_engine
from bot.app.facts import fact_index
from bot.app.stats import WINDOWS, course_stats, window_start
from bot.app.unanswered import open_questions, unanswered_groups
from bot.quiz.service import QuizService
from bot.store import Store, StoreUnavailable, existing_database
from bot.store_stats import Window, active_per_day, most_missed, outcomes_per_module
from common import CORPUS, QUESTIONS, ROOT, Question, load_questions, table

DAY = 86_400
STUDENTS = 300
DAYS = 60


def bench_questions() -> list[Question]:
    """The Docker bench questions, as students worded them."""
    return [q for name in ("docker.yaml", "docker_dev_more.yaml")
            for q in load_questions(QUESTIONS / name)]


def fill(path: Path, content: Path, questions: int, answers: int, seed: int = 7) -> None:
    """A database as a term of use would leave it (written in bulk: the bench measures reads)."""
    Store(path).close()  # creates the schema
    engine = load_engine(content)
    facts = list(fact_index(QuizService.from_content(content, engine.course)[0], "fr").values())
    asked = bench_questions()
    modules = [m.id for m in engine.course.modules]
    rng = random.Random(seed)
    now = time.time()
    asked_rows, question_rows, vote_rows = [], [], []
    for n in range(questions):
        question = rng.choice(asked)
        at = now - rng.random() * DAYS * DAY
        user = f"s{rng.randrange(STUDENTS)}"
        outcome = rng.choices(("answer", "suggest", "abstain"), (7, 2, 1))[0]
        if question.module is None:
            outcome = "abstain"
        module = None if outcome == "abstain" else (question.module or rng.choice(modules))
        if module is not None and module not in modules:
            module = rng.choice(modules)
        asked_rows.append((1, user, outcome, module, at))
        if outcome != "answer":
            question_rows.append((1, user, question.text, outcome, 10.0, module, None, at))
        elif n % 20 == 0:
            section = next(iter(engine.course.module(module).walk()), None)
            vote_rows.append((1, user, f"{question.text} {n}", section and section.id,
                              int(rng.random() < 0.8), at))
    attempt_rows = []
    for _ in range(answers):
        item = rng.choice(facts)
        attempt_rows.append((f"s{rng.randrange(STUDENTS)}", 1, item.key, item.source.module,
                             item.source.section, item.kind, "…", int(rng.random() < 0.7),
                             "exact", "solo", now - rng.random() * DAYS * DAY))
    with sqlite3.connect(path) as conn:
        conn.executemany("INSERT INTO asked (guild_id, user_id, outcome, module_id, at)"
                         " VALUES (?, ?, ?, ?, ?)", asked_rows)
        conn.executemany("INSERT INTO questions (guild_id, user_id, question, outcome, score,"
                         " module_id, section_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         question_rows)
        conn.executemany("INSERT INTO feedback (guild_id, user_id, question, section_id,"
                         " helpful, at) VALUES (?, ?, ?, ?, ?, ?)", vote_rows)
        conn.executemany("INSERT INTO attempts (user_id, guild_id, item_key, module_id,"
                         " section_id, kind, answer, correct, reason, mode, at)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", attempt_rows)


def distinct_phrasings(rows: int = 5000, seed: int = 11) -> Store:
    """The worst case of grouping: as many unanswered rows as ``unanswered`` groups, nearly
    every one worded differently (a bench question with random words added)."""
    texts = [q.text for q in bench_questions()]
    extra = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
    rng = random.Random(seed)
    store = Store(":memory:")
    with store._write() as conn:
        conn.executemany(
            "INSERT INTO questions (guild_id, user_id, question, outcome, at)"
            " VALUES (1, ?, ?, 'abstain', ?)",
            [(f"s{rng.randrange(STUDENTS)}",
              f"{rng.choice(texts)} {' '.join(rng.sample(extra, 2))} {rng.randrange(1000)}",
              float(n)) for n in range(rows)],
        )
    return store


def timed(func, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = func(*args)
    return time.perf_counter() - start, result


def best_of(runs: int, func, *args) -> float:
    return min(timed(func, *args)[0] for _ in range(runs))


def command(args: list[str]) -> tuple[float, float]:
    """Wall time and CPU time of one ``python -m bot`` run, start-up included: on a shared
    machine the wall time also counts other processes' turns, the CPU time does not."""
    start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return time.perf_counter() - start, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = CORPUS if CORPUS.is_dir() else ROOT / "content"
    parser.add_argument("--content", type=Path, default=default, help=f"default {default}")
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--answers", type=int, default=50_000)
    parser.add_argument("--since", default="all", choices=list(WINDOWS))
    parser.add_argument("--png", type=Path, help="write the chart sheet of this database here")
    parser.add_argument("--lang", default="fr", choices=["fr", "en"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="coursebot-stats-") as folder:
        db = Path(folder) / "stats.sqlite3"
        fill_time, _ = timed(fill, db, args.content, args.questions, args.answers)
        print(f"filled {db.name}: {args.questions:,} questions, {args.answers:,} quiz answers"
              f" over {DAYS} days, {STUDENTS} students, {args.content.name}"
              f" ({fill_time:.1f} s)\n")
        try:
            store = existing_database(db)
        except StoreUnavailable as exc:
            sys.exit(str(exc))
        engine = load_engine(args.content)
        service = QuizService.from_content(args.content, engine.course)[0]
        window = Window(None, window_start(args.since, time.time()))
        rows = [
            ["outcomes per module (SQL)", best_of(3, outcomes_per_module, store, window)],
            ["most missed facts (SQL)", best_of(3, most_missed, store, window, 10)],
            ["active students per day (SQL)", best_of(3, active_per_day, store, window)],
            ["unanswered topics, grouped and checked (as `unanswered`)",
             best_of(3, open_questions, store, engine.matcher, None, 10, window.since)],
            ["all the figures (course_stats)",
             best_of(3, course_stats, store, engine.matcher, service, args.lang, args.since)],
        ]
        worst = distinct_phrasings()
        rows.append(["grouping 5,000 differently worded questions (worst case)",
                      best_of(3, unanswered_groups, worst, None, None)])
        worst.close()
        stats = course_stats(store, engine.matcher, service, args.lang, args.since)
        store.close()
        base = ["stats", "--content", str(args.content), "--db", str(db), "--since", args.since]
        png = Path(folder) / "sheet.png"
        runs = {
            f"`python -m bot stats --since {args.since}` (whole run, start-up included)": base,
            "the same with `--png` (matplotlib)": [*base, "--png", str(png)],
        }
        table_rows = [[name, f"{secs:.3f}", ""] for name, secs in rows]
        for name, argv in runs.items():
            wall, cpu = min(command(argv) for _ in range(3))
            table_rows.append([name, f"{wall:.3f}", f"{cpu:.3f}"])
        print(table(["step", "seconds", "CPU seconds (whole runs)"], table_rows))
        print(f"load average over the last minute: {os.getloadavg()[0]:.1f}"
              f" on {os.cpu_count()} CPUs")
        print(f"\n{stats.asked:,} questions and {stats.quiz_answers:,} quiz answers counted;"
              f" {len(stats.topics)} topics; target: the whole run in 2 s or less")
        if args.png:
            command([*base, "--png", str(args.png), "--lang", args.lang])
            print(f"chart sheet written to {args.png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
