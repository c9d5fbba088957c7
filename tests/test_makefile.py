"""Each make target installs what it needs and no more: the product's dependencies for chat
and run, the test, bench or lint extras on top for those targets (read with ``make -n`` on a
virtual environment that does not exist yet, as on a fresh clone)."""

import re
import shutil
import subprocess

import pytest

from conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def installs(target: str, tmp_path) -> list[str]:
    """What ``make TARGET`` would pass to ``pip install`` on a fresh clone."""
    result = subprocess.run(
        ["make", "-n", target, f"VENV={tmp_path / 'venv'}"],
        cwd=REPO, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    found = re.findall(r"pip install --quiet (?:--upgrade pip|-e (\S+))", result.stdout)
    return [spec.strip("'") for spec in found if spec]


@pytest.mark.parametrize(
    ("target", "wanted"),
    [("chat", ["."]), ("run", ["."]), ("test", [".", ".[test]"]),
     ("bench", [".", ".[bench]"]), ("lint", [".", ".[lint]"]),
     ("install", [".", ".[test]", ".[bench]", ".[lint]"])],
)
def test_each_target_installs_only_its_own_extras(target, wanted, tmp_path):
    assert installs(target, tmp_path) == wanted


def test_ci_runs_make_test():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in script.splitlines()
