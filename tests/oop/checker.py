"""Part II's mypy cases, and the fixes its tests check mypy accepts."""

from __future__ import annotations

from pathlib import Path

from bookkit.listings import EXAMPLES
from tests.mypy_check import mypy

__all__ = ["CASES", "corrected", "mypy"]

CASES = EXAMPLES / "oop" / "mypy_cases"


def corrected(case: str, old: str, new: str, tmp_path: Path) -> Path:
    """A copy of a case with the rejected line replaced by the fix."""
    text = (CASES / case).read_text()
    assert old in text
    fixed = tmp_path / case
    fixed.write_text(text.replace(old, new))
    return fixed
