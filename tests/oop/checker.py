"""Run mypy on a listing the book says it rejects, and read its verdict."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bookkit.listings import EXAMPLES, ROOT

CASES = EXAMPLES / "oop" / "mypy_cases"


def mypy(path: Path) -> list[str]:
    """mypy --strict's diagnostics for one file, as ``line: message``."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--show-error-codes",
            "--no-error-summary",
            "--no-incremental",
            str(path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stderr == "", result.stderr
    lines = result.stdout.splitlines()
    assert result.returncode == (1 if lines else 0), result.stdout
    return [line.split(":", 1)[1].strip() for line in lines]


def corrected(case: str, old: str, new: str, tmp_path: Path) -> Path:
    """A copy of a case with the rejected line replaced by the fix."""
    text = (CASES / case).read_text()
    assert old in text
    fixed = tmp_path / case
    fixed.write_text(text.replace(old, new))
    return fixed
