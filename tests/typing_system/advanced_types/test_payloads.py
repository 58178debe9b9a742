"""Tests for src/examples/typing_system/advanced_types/payloads.py."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from examples.typing_system.advanced_types.payloads import shout, user_name


def test_user_name_reads_valid_json() -> None:
    assert user_name('{"user": {"name": "Ada", "age": 36}}') == "Ada"


@pytest.mark.parametrize(
    "text", ['{"user": {"nick": "Ada"}}', '{"user": 3}', "not json"]
)
def test_user_name_refuses_other_documents(text: str) -> None:
    with pytest.raises(ValidationError):
        user_name(text)


def test_shout_upper_cases_strings_and_refuses_the_rest() -> None:
    assert shout("hi") == "HI"
    with pytest.raises(TypeError, match="expected a str, got int"):
        shout(42)
