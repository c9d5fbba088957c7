"""Answer quality per course and per style of question: the hybrid search as shipped, against
today's lexical matcher, the dense side alone, BM25 and TF-IDF, on the same questions.

    python bench/quality.py [--courses docker,git,sql,linux_en,c_ubuntu] [--split test+holdout]
                            [--misses]

For each course (skipped with a note when its folder is absent):
- top-1: the first place is right, whatever the outcome (answerable questions);
- useful@3: answered right, or a right place among the suggestions shown;
- answered right: answered, and right;
- confidently wrong: answered but wrong, over every question (an off-topic question answered
  counts as wrong);
- off-topic abstention: the bot says it cannot answer (a suggestion is not an abstention).

The hybrid rows use the calibration shipped in ``bot/search/model/calibration.yaml``, fitted on
the dev questions only (``bench/calibrate.py``): the default split is test and holdout, which
no fit has seen. The dense-alone, BM25 and TF-IDF rows (each a ``Scorer``) answer above a score
threshold chosen on the dev split, and abstain otherwise.
"""

from __future__ import annotations

import argparse
from collections import defaultdict

import numpy as np
from baselines import BM25Scorer, TfidfScorer
from evaluation import CourseRun, Decided, collect, metrics, replay, replay_lexical

from bot.search.answer import ABSTAIN, ANSWER
from bot.search.fusion import shipped_calibration
from common import COURSES, OFF_TOPIC_STYLES, table

SYSTEMS = ("hybrid", "lexical (today)", "dense alone", "BM25", "TF-IDF")


def thresholded(run: CourseRun, scores: list[np.ndarray | None]) -> list[Decided]:
    """A baseline's outcomes: answer its first place above a threshold picked on dev (the one
    that maximises answered right minus confidently wrong), else abstain."""
    rows = []
    for a, s in zip(run.asked, scores, strict=True):
        if s is None or a.gold is None:
            rows.append((a, 0.0, False, False))
            continue
        order = np.argsort(-s, kind="stable")[:3]
        rows.append((a, float(s[order[0]]), bool(a.gold[order[0]]), bool(a.gold[order].any())))
    dev = [r for r in rows if r[0].q.split == "dev"]

    def value(threshold: float) -> float:
        right = sum(ok and best >= threshold for a, best, ok, _ in dev if a.q.answerable)
        wrong = sum(best >= threshold and not (a.q.answerable and ok) for a, best, ok, _ in dev)
        return right - wrong

    threshold = max(sorted({best for _, best, _, _ in dev}), key=value, default=0.0)
    out = []
    for a, best, ok, ok3 in rows:
        outcome = ANSWER if best >= threshold and best > 0 else ABSTAIN
        out.append(Decided(a.q, outcome, ok, ok if outcome == ANSWER else False, ok3, None))
    return out


def systems(run: CourseRun) -> dict[str, list[Decided]]:
    """Every system's outcomes on ``run``'s questions."""
    bm25 = BM25Scorer(run.matcher.index)
    tfidf = TfidfScorer(run.matcher.index)
    return {
        "hybrid": replay(run, shipped_calibration()),
        "lexical (today)": replay_lexical(run),
        "dense alone": thresholded(run, [a.dense for a in run.asked]),
        "BM25": thresholded(
            run, [None if a.query is None else bm25.scores(a.query) for a in run.asked]
        ),
        "TF-IDF": thresholded(
            run, [None if a.query is None else tfidf.scores(a.query) for a in run.asked]
        ),
    }


def chosen(rows: list[Decided], splits: set[str]) -> list[Decided]:
    return [r for r in rows if r.q.split in splits]


def course_table(name: str, results: dict[str, list[Decided]], splits: set[str]) -> str:
    headers = ["system", "answerable", "top-1", "useful@3", "answered right",
               "confidently wrong", "off-topic", "off-topic abstention"]
    body = []
    for system, rows in results.items():
        m = metrics(chosen(rows, splits))
        body.append([system, m["n"], f"{m['top1']:.2f}", f"{m['useful3']:.2f}",
                     f"{m['right']:.2f}", f"{m['wrong']:.2f}", m["off_n"],
                     f"{m['off_abstain']:.2f}"])
    return f"### {name}\n\n" + table(headers, body)


def style_table(results: dict[str, list[Decided]], splits: set[str]) -> str:
    """Top-1 per style (abstention for the off-topic styles), one column per system."""
    styles = sorted({r.q.style for r in next(iter(results.values()))})
    body = []
    for style in styles:
        line = [style]
        for rows in results.values():
            some = [r for r in chosen(rows, splits) if r.q.style == style]
            if not some:
                line.append("-")
            elif style in OFF_TOPIC_STYLES:
                line.append(f"{sum(r.outcome == ABSTAIN for r in some) / len(some):.2f} "
                            f"(n={len(some)})")
            else:
                line.append(f"{sum(r.top_right for r in some) / len(some):.2f} (n={len(some)})")
        body.append(line)
    return table(["style (top-1; abstention off-topic)", *results], body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--courses", default=",".join(COURSES))
    parser.add_argument("--split", default="test+holdout",
                        help="dev, test, holdout, or several joined by + (default test+holdout)")
    parser.add_argument("--misses", action="store_true", help="list the hybrid's misses")
    args = parser.parse_args()
    splits = set(args.split.split("+"))
    totals: dict[str, list[dict]] = defaultdict(list)
    print(f"## Quality per course, split {args.split}\n")
    for name in args.courses.split(","):
        course = COURSES[name]
        if not course.folder.is_dir():
            print(f"### {name}\n\n(skipped: {course.folder} is absent)\n")
            continue
        run = collect(course)
        results = systems(run)
        print(course_table(name, results, splits) + "\n")
        print(style_table(results, splits) + "\n")
        for system, rows in results.items():
            totals[system].append(metrics(chosen(rows, splits)))
        if args.misses:
            for r in chosen(results["hybrid"], splits):
                missed = (r.q.answerable and not r.useful) or (
                    not r.q.answerable and r.outcome == ANSWER)
                if missed:
                    print(f"MISS [{r.q.style}] {r.q.text!r} -> {r.outcome} "
                          f"top_right={r.top_right} top3={r.top3}")
            print()
    if totals:
        body = []
        for system, ms in totals.items():
            body.append([system, *(f"{np.mean([m[k] for m in ms]):.2f}" for k in
                                   ("top1", "useful3", "right", "wrong", "off_abstain"))])
        print("### Mean over the courses above (each course weighs the same)\n")
        print(table(["system", "top-1", "useful@3", "answered right", "confidently wrong",
                     "off-topic abstention"], body))


if __name__ == "__main__":
    main()
