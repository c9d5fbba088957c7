"""`make bench`: every benchmark in one run, each printing its own table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

RUNS = [
    ["quality.py"],
    ["calibrate.py"],
    ["speed.py"],
    ["hybrid_speed.py"],
    ["quiz_coverage.py"],
    ["discord_load.py"],
    ["quiz_load.py"],
]


def main() -> int:
    failed = 0
    for run in RUNS:
        script = HERE / run[0]
        if not script.is_file():
            print(f"(skipped: {run[0]} is not there)\n")
            continue
        print(f"$ python bench/{' '.join(run)}", flush=True)
        result = subprocess.run([sys.executable, str(script), *run[1:]], cwd=HERE)
        failed += result.returncode != 0
        print(flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
