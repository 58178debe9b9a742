"""Part II's mypy cases, and the fixes its tests check mypy accepts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bookkit.listings import EXAMPLES, ROOT
from tests.mypy_check import mypy

__all__ = ["CASES", "corrected", "mypy", "mypy_with"]

CASES = EXAMPLES / "oop" / "mypy_cases"


def corrected(case: str, old: str, new: str, tmp_path: Path) -> Path:
    """A copy of a case with the rejected line replaced by the fix."""
    text = (CASES / case).read_text()
    assert old in text
    fixed = tmp_path / case
    fixed.write_text(text.replace(old, new))
    return fixed


def mypy_with(path: Path, *options: str) -> list[str]:
    """mypy --strict's diagnostics with extra options, as ``line: message``."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--show-error-codes",
            "--no-error-summary",
            *options,
            str(path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stderr == "", result.stderr
    return [
        line.split(":", 1)[1].strip() for line in result.stdout.splitlines()
    ]
