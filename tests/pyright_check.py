"""Run pyright (strict) on a listing the book says a checker rejects.

The twin of ``tests.mypy_check``, shared by every part's tests: it returns
pyright's verdict as ``line: severity [rule]`` strings, one a diagnostic,
so that a test can assert where pyright agrees with mypy and where not.
"""

from __future__ import annotations

from pathlib import Path

from examples.typing_system.checker import run_pyright


def pyright(path: Path, python_version: str = "3.11") -> list[str]:
    """pyright's diagnostics for one file, as ``line: severity [rule]``."""
    return [
        f"{d.line}: {d.severity} [{d.code}]"
        for d in run_pyright(str(path), python_version=python_version)
    ]
