"""Run mypy --strict on a listing the book says it rejects; read its verdict.

Shared by every part's tests. Part III's chapters show mypy's output
through their own listing, ``examples.typing_system.checker``, which names
files inside that part; this helper also checks corrected copies that tests
write to a temporary folder, so it runs mypy itself.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bookkit.listings import ROOT


def mypy(path: Path, python_version: str | None = None) -> list[str]:
    """mypy --strict's diagnostics for one file, as ``line: message``.

    ``python_version`` overrides the project's target (e.g. "3.12" for a
    listing in PEP 695 syntax).
    """
    target = [f"--python-version={python_version}"] if python_version else []
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--show-error-codes",
            "--no-error-summary",
            *target,
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
