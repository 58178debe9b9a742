"""Tests for src/examples/typing_system/advanced_types/optional.py."""

from __future__ import annotations

import pytest

from examples.typing_system.advanced_types.optional import find_user_id


@pytest.mark.parametrize(
    ("email", "expected"),
    [
        ("ada@example.com", 1),
        ("  GRACE@example.com", 2),
        ("nobody@example.com", None),
        (None, None),
    ],
)
def test_find_user_id(email: str | None, expected: int | None) -> None:
    assert find_user_id(email) == expected


def test_the_argument_may_be_left_out() -> None:
    assert find_user_id() is None
