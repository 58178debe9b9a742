"""Checks of exercise 1.1.1-3 (``make exercise-check EXERCISE=1.1.1-3``)."""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import Any

import pytest
from fastapi import HTTPException

from examples.runtime.cpython.exercises import ex3
from examples.runtime.cpython.exercises.mistakes import ex3 as mistake
from examples.runtime.cpython.exercises.starters import ex3 as starter
from tests.exercise_kit import exercise_tests, mistake_tests


def as_with_dash_o(module: ModuleType) -> dict[str, Any]:
    """The module's namespace as ``python -O`` would build it."""
    code = compile(
        inspect.getsource(module), str(module.__file__), "exec", optimize=1
    )
    namespace: dict[str, Any] = {"__name__": f"{module.__name__}_O"}
    exec(code, namespace)
    return namespace


def refused(ensure_admin: Any, role: str | None) -> int:
    with pytest.raises(HTTPException) as caught:
        ensure_admin(role)
    return caught.value.status_code


def check_admin_passes(m: ModuleType) -> None:
    assert m.ensure_admin("admin") is None


def check_guest_is_refused_with_403(m: ModuleType) -> None:
    assert refused(m.ensure_admin, "guest") == 403


def check_no_role_is_refused_with_403(m: ModuleType) -> None:
    assert refused(m.ensure_admin, None) == 403


def check_guest_is_refused_under_dash_o(m: ModuleType) -> None:
    optimized = as_with_dash_o(m)
    assert refused(optimized["ensure_admin"], "guest") == 403
    assert optimized["ensure_admin"]("admin") is None


CHECKS = [
    check_admin_passes,
    check_guest_is_refused_with_403,
    check_no_role_is_refused_with_403,
    check_guest_is_refused_under_dash_o,
]
test_attempt, test_starter_fails = exercise_tests(ex3, starter, CHECKS)
test_mistake_fails = mistake_tests(
    mistake, [check_guest_is_refused_under_dash_o]
)


def test_the_mistake_passes_the_other_checks() -> None:
    """Only ``-O`` shows the mistake: why the last check exists."""
    for check in CHECKS[:-1]:
        check(mistake)
