"""The code stays ruff clean and keeps its import contracts (both configured in pyproject.toml)."""

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_ruff_is_clean():
    ruff = Path(sys.executable).with_name("ruff")
    command = [str(ruff)] if ruff.exists() else [shutil.which("ruff") or "ruff"]
    result = subprocess.run(
        [*command, "check", "bot", "tests", "bench"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_are_kept():
    """The layering of pyproject.toml's [tool.importlinter]: the core imports no front end,
    the front ends do not import each other, quiz/ and the store meet only at the port."""
    linter = Path(sys.executable).with_name("lint-imports")
    command = [str(linter)] if linter.exists() else [shutil.which("lint-imports") or "lint-imports"]
    # No cache: a stale one could hide an import added since.
    result = subprocess.run(
        [*command, "--no-cache"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
