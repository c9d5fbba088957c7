"""Quiz coverage: items generated per module and the share of summary pairs that get one.

    python bench/quiz_coverage.py [--content DIR] [--seed S]

Default content: the real course beside the repository (../shared/corpus/formation-docker).
A pair whose term is a heading ("Bonnes pratiques") or that describes an example is left out on
purpose and counted apart. Also counts the items that break a fairness rule (an answer given
away in its prompt or by where a blank stands, a multiple choice without exactly one right
option among distinct ones): the target is 0.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections import Counter
from pathlib import Path

from bot.course.loader import load_course
from bot.quiz.generate import Generator
from bot.quiz.grading import ARTICLES, grade
from bot.quiz.items import MCQ, TRUE_FALSE, QuizItem
from bot.quiz.service import QuizService
from bot.quiz.terms import BLANK
from bot.text.normalise import words
from common import CORPUS


def _words(text: str) -> list[str]:
    return [w for w in words(text) if w not in ARTICLES]


def unfair(item: QuizItem) -> bool:
    """The rules the tests check, counted here over a whole course."""
    if item.kind != TRUE_FALSE:
        prompt = _words(item.prompt)
        for answer in item.answers:
            wanted = _words(answer)
            if len("".join(wanted)) <= 2:
                if re.search(rf"(?<![\w-]){re.escape(answer.strip())}(?![\w-])", item.prompt):
                    return True
            elif any(prompt[i : i + len(wanted)] == wanted for i in range(len(prompt))):
                return True
    if item.kind == TRUE_FALSE and BLANK in item.prompt:
        return True  # a true statement never hides its term
    if item.kind == MCQ:
        options = list(item.options or ())
        if not 3 <= len(options) <= 4 or options.count(item.answer) != 1:
            return True
        blanks = {BLANK in o for o in options if o != item.answer}
        if blanks == {BLANK not in item.answer}:
            return True  # the blank singles the answer out
        if any(o != item.answer and grade(item.answer, o).accepted for o in options):
            return True
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", metavar="DIR", default=str(CORPUS))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not Path(args.content).is_dir():
        print(f"content folder not found: {args.content}")
        return 1
    course = load_course(args.content).course
    start = time.perf_counter()
    generator = Generator(course)
    built = time.perf_counter()
    items = generator.course_items(random.Random(args.seed))
    done = time.perf_counter()
    by_module: dict[str, list[QuizItem]] = {}
    for item in items:
        by_module.setdefault(item.source.module, []).append(item)

    header = f"{'module':<7} {'pairs':>5} {'left':>4} {'covered':>7} {'items':>5} {'mcq':>4} "
    header += f"{'t/f':>4} {'typed':>5} {'facts':>5} {'unfair':>6}  title"
    print(f"Quiz coverage: {args.content} (seed {args.seed})")
    print(header)
    print("-" * len(header))
    total_pairs = total_covered = total_left = 0
    for module in course.modules:
        mine = by_module.get(module.id, [])
        keys = {item.key for item in mine}
        pair_keys = generator.pair_keys(module.id).values()
        covered = sum(1 for key in pair_keys if key in keys)
        kinds = Counter(item.kind for item in mine)
        lines = set(generator.skipped(module.id))
        left = sum(1 for pair in module.pairs if pair.line in lines)
        total_pairs += len(module.pairs)
        total_covered += covered
        total_left += left
        print(
            f"{module.id:<7} {len(module.pairs):>5} {left:>4} {covered:>7} {len(mine):>5} "
            f"{kinds['mcq']:>4} "
            f"{kinds['true_false']:>4} {kinds['typed']:>5} {len(keys):>5} "
            f"{sum(unfair(i) for i in mine):>6}  {module.title[:48]}"
        )
    kinds = Counter(item.kind for item in items)
    asked = total_pairs - total_left
    share = total_covered / asked if asked else 1.0
    print("-" * len(header))
    print(
        f"{'total':<7} {total_pairs:>5} {total_left:>4} {total_covered:>7} {len(items):>5} "
        f"{kinds['mcq']:>4} {kinds['true_false']:>4} {kinds['typed']:>5} "
        f"{len({i.key for i in items}):>5} {sum(unfair(i) for i in items):>6}"
    )
    print(
        f"pairs covered: {share:.1%} ({total_covered}/{asked}; {total_left} left out: "
        "a heading as term, or about an example)"
    )
    empty = [m.id for m in course.modules if m.id not in by_module]
    print(f"modules without items: {len(empty)} ({', '.join(empty) or 'none'})")
    print(f"index build {built - start:.2f} s, items {1000 * (done - built):.0f} ms")
    print(quiz_build_times(course))
    return 0


def quiz_build_times(course) -> str:
    """What starting one quiz costs: one module's quiz, and a review over the whole course
    (which draws from every module's items)."""
    service = QuizService(course)
    module_id = next((m.id for m in course.modules if m.pairs), course.modules[0].id)
    out = []
    for label, target in ((f"module {module_id}", module_id), ("whole-course review", None)):
        times = []
        for seed in range(20):
            start = time.perf_counter()
            service.build(target, seed=seed)
            times.append(1000 * (time.perf_counter() - start))
        times.sort()
        out.append(f"{label} p50 {times[len(times) // 2]:.1f} ms")
    return "quiz start-up: " + ", ".join(out)


if __name__ == "__main__":
    raise SystemExit(main())
