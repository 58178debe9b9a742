"""The student checks of the chapters' "write the code" exercises.

Each exercise ``N`` of a chapter has a solution module
(``examples.<part>.<chapter>.exercises.exN``), a starter module that a
student copies (``...exercises.starters.exN``: the same signatures, each
raising ``NotImplementedError``) and a test module here
(``tests/<part>/<chapter>/exercises/test_exN.py``) whose *checks* are plain
functions of the module under test. :func:`exercise_tests` turns them into
three tests:

* ``test_attempt``: every check passes on the module under test: the
  solution, or the student's file named by ``BOOK_EXERCISE_ATTEMPT``
  (``make exercise-check EXERCISE=1.1.1-3 ATTEMPT=mine.py`` sets it);
* ``test_starter_fails``: every check fails on the empty starter, so a
  check that passes proves something;
* ``test_mistake_fails``: every check named for it fails on each typical
  wrong answer (``...exercises.mistakes.exN``) where there is one, such as
  an ``assert`` that ``python -O`` removes.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

import pytest

#: A check: raises (normally ``AssertionError``) when the module is wrong.
Check = Callable[[ModuleType], None]

#: The environment variable naming the student's attempt (a file path).
ATTEMPT = "BOOK_EXERCISE_ATTEMPT"


def load_file(path: Path) -> ModuleType:
    """Import the Python file at ``path`` as a fresh module."""
    name = f"exercise_attempt_{abs(hash(path.resolve()))}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # pydantic and dataclasses look it up
    spec.loader.exec_module(module)
    return module


def under_test(solution: ModuleType) -> ModuleType:
    """The student's attempt if one is named, else the solution."""
    attempt = os.environ.get(ATTEMPT)
    return load_file(Path(attempt)) if attempt else solution


def fails(check: Check, module: ModuleType) -> bool:
    """Whether ``check`` raises on ``module``."""
    try:
        check(module)
    except (Exception, pytest.fail.Exception):  # any failure counts
        return True
    return False


def exercise_tests(
    solution: ModuleType, starter: ModuleType, checks: Sequence[Check]
) -> tuple[Callable[[Check], None], Callable[[Check], None]]:
    """``test_attempt`` and ``test_starter_fails`` of one exercise."""
    ids = [check.__name__ for check in checks]

    @pytest.mark.parametrize("check", checks, ids=ids)
    def test_attempt(check: Check) -> None:
        check(under_test(solution))

    @pytest.mark.parametrize("check", checks, ids=ids)
    def test_starter_fails(check: Check) -> None:
        assert fails(check, starter), f"{check.__name__} passes the stub"

    return test_attempt, test_starter_fails


def mistake_tests(
    mistake: ModuleType, checks: Sequence[Check]
) -> Callable[[Check], None]:
    """``test_mistake_fails``: ``checks`` fail on a typical wrong answer."""

    @pytest.mark.parametrize(
        "check", checks, ids=[check.__name__ for check in checks]
    )
    def test_mistake_fails(check: Check) -> None:
        assert fails(check, mistake), f"{check.__name__} passes a mistake"

    return test_mistake_fails
