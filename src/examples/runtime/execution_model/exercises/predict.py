"""Exercises 1.1.2-1 and 1.1.2-2: closures and local names."""

# pyright: reportUnboundVariable=false
# The mistake is the exercise; pyright reports it, so this file
# switches that one rule off.

from collections.abc import Callable

visits = 0


def greeters() -> list[Callable[[], str]]:
    """One greeting function per user."""
    found: list[Callable[[], str]] = []
    for name in ("ada", "bob", "cy"):
        found.append(lambda: f"hello {name}")  # noqa: B023 - the exercise
    return found


def count_visit() -> int:
    """Add one to the module's visit count."""
    visits += 1  # noqa: F823 - the exercise: this name is local
    return visits  # pragma: no cover - never reached: the exercise
