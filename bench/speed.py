"""Speed: content loading, index build, per-question latency, memory and start-up time.

    python bench/speed.py [--copies 100]

Targets (2-core machine): course load < 0.3 s and x100 load < 15 s; index build <= 0.5 s;
per question p50 <= 1 ms and p99 <= 5 ms on the course, p99 <= 50 ms at x100; resident memory
<= 300 MB at x100; `python -m bot ask` start-up and one answer <= 1.5 s. BM25 (bm25s) query
latency is measured on the same questions for a ratio.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bot.course.faq import load_synonyms
from bot.course.loader import load_course
from bot.search.matcher import Matcher
from common import (
    CORPUS,
    DOCKER_SYNONYMS,
    QUESTIONS,
    ROOT,
    load_questions,
    remove,
    require_corpus,
    scaled_copy,
    table,
)


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    best, value = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - start)
    return best, value


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def latencies(matcher: Matcher, questions: list[str], rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        for q in questions:
            start = time.perf_counter()
            matcher.ask(q)
            out.append((time.perf_counter() - start) * 1000)
    return out


def bm25_latencies(course, questions: list[str]) -> list[float]:
    import bm25s
    import snowballstemmer

    stem = snowballstemmer.stemmer("french").stemWords
    docs = [f"{s.title}\n{s.text}" for s in course.sections()]
    model = bm25s.BM25()
    model.index(bm25s.tokenize(docs, stopwords="fr", stemmer=stem, show_progress=False),
                show_progress=False)
    out = []
    for q in questions:
        start = time.perf_counter()
        tokens = bm25s.tokenize([q], stopwords="fr", stemmer=stem, show_progress=False)
        # bm25s refuses queries with no known token.
        with contextlib.suppress(Exception):
            model.retrieve(tokens, k=3, show_progress=False)
        out.append((time.perf_counter() - start) * 1000)
    return out


def memory_probe(folder: Path, questions_file: Path) -> dict:
    """Load, index and answer in a fresh process; report its peak resident memory."""
    code = f"""
import json, resource, sys, time
sys.path.insert(0, {str(ROOT)!r})
from bot.course.loader import load_course
from bot.course.faq import load_synonyms
from bot.search.matcher import Matcher
import yaml
start = time.perf_counter()
course = load_course({str(folder)!r}).course
loaded = time.perf_counter() - start
start = time.perf_counter()
matcher = Matcher(course, load_synonyms({str(DOCKER_SYNONYMS.parent)!r})[0])
built = time.perf_counter() - start
qs = [q["q"] for q in yaml.safe_load(open({str(questions_file)!r}, encoding="utf-8"))]
times = []
for q in qs:
    t = time.perf_counter(); matcher.ask(q); times.append((time.perf_counter() - t) * 1000)
times.sort()
print(json.dumps({{"modules": len(course.modules), "load": loaded, "build": built,
    "p50": times[len(times) // 2], "p99": times[int(0.99 * (len(times) - 1))],
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def startup_time() -> float:
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "ask", "image vs conteneur ?"], cwd=ROOT,
                       capture_output=True, check=True)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    args = parser.parse_args()
    require_corpus()
    questions = [q.text for q in load_questions(QUESTIONS / "docker.yaml")]
    synonyms = load_synonyms(DOCKER_SYNONYMS.parent)[0]

    load_s, result = timed(lambda: load_course(CORPUS), repeat=5)
    course = result.course
    build_s, matcher = timed(lambda: Matcher(course, synonyms), repeat=3)
    lat = latencies(matcher, questions, rounds=5)
    bm25 = bm25_latencies(course, questions)

    scaled = scaled_copy(CORPUS, args.copies)
    try:
        big = memory_probe(scaled, QUESTIONS / "docker.yaml")
    finally:
        remove(scaled)
    start = startup_time()

    rows = [
        ["course load (34 lessons)", f"{load_s * 1000:.0f} ms", "< 300 ms"],
        [f"course x{args.copies} load ({big['modules']} modules)", f"{big['load']:.2f} s",
         "< 15 s"],
        ["index build (course)", f"{build_s * 1000:.0f} ms", "<= 500 ms"],
        [f"index build (x{args.copies})", f"{big['build']:.2f} s", "-"],
        ["question p50 (course)", f"{percentile(lat, 50):.2f} ms", "<= 1 ms"],
        ["question p99 (course)", f"{percentile(lat, 99):.2f} ms", "<= 5 ms"],
        ["BM25 (bm25s) query p50 / p99 (course)",
         f"{percentile(bm25, 50):.2f} / {percentile(bm25, 99):.2f} ms", "baseline"],
        ["coursebot / BM25 p50 ratio", f"{percentile(lat, 50) / percentile(bm25, 50):.2f}x", "-"],
        [f"question p50 (x{args.copies})", f"{big['p50']:.2f} ms", "-"],
        [f"question p99 (x{args.copies})", f"{big['p99']:.2f} ms", "<= 50 ms"],
        [f"peak resident memory (x{args.copies})", f"{big['rss_mb']:.0f} MB", "<= 300 MB"],
        ["`python -m bot ask` start-up + 1 answer", f"{start:.2f} s", "<= 1.5 s"],
    ]
    print("## Speed\n")
    print(table(["measure", "value", "target"], rows))


if __name__ == "__main__":
    main()
