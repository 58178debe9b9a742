"""The traceback hint for a mangled name, as book/oop/classes.md states it."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROGRAM = """\
class Account:
    def __init__(self, balance: int) -> None:
        self.__balance = balance

    def balance(self) -> int:
        return self.__balance

account = Account(10)
account.__balance
"""

WITHOUT_METHOD = """\
class Account:
    def __init__(self, balance: int) -> None:
        self.__balance = balance

Account(10).__balance
"""

MISSING = "AttributeError: 'Account' object has no attribute '__balance'"


def last_line_of_traceback(program: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    return result.stderr.splitlines()[-1]


@pytest.mark.skipif(sys.version_info >= (3, 15), reason="3.15 rewords it")
def test_the_hint_names_the_method_up_to_3_14() -> None:
    assert last_line_of_traceback(PROGRAM) == (
        f"{MISSING}. Did you mean: 'balance'?"
    )


@pytest.mark.skipif(sys.version_info < (3, 15), reason="new in 3.15")
def test_the_hint_names_the_method_in_3_15() -> None:
    assert last_line_of_traceback(PROGRAM) == (
        f"{MISSING}. Did you mean '.balance' instead of '.__balance'?"
    )


def test_the_mangled_name_is_never_suggested() -> None:
    assert last_line_of_traceback(WITHOUT_METHOD) == MISSING
