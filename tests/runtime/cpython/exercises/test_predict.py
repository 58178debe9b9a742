"""Exercise 1.1.1-1's module; the answer is the chapter's doctest."""

import pytest

from examples.runtime.cpython.exercises import predict


def test_a_valid_discount_passes() -> None:
    assert predict.checked_discount(10) == 10


def test_an_invalid_discount_fails_while_asserts_run() -> None:
    with pytest.raises(AssertionError, match="percent out of range"):
        predict.checked_discount(150)
