"""Tests for src/examples/typing_system/basic_types/pricing.py."""

from __future__ import annotations

from typing import get_type_hints

import examples.typing_system.basic_types.pricing as pricing
from examples.typing_system.basic_types.pricing import (
    line_total,
    total_from_text,
)


def test_line_total_multiplies() -> None:
    assert line_total(2.5, 4) == 10.0


def test_python_runs_a_call_that_breaks_the_annotations() -> None:
    result: object = line_total("2.5", 4)  # type: ignore[arg-type]
    assert result == "2.52.52.52.5"


def test_text_is_converted_at_the_boundary() -> None:
    assert total_from_text("2.5", 4) == 10.0


def test_annotations_are_recorded_not_enforced() -> None:
    assert get_type_hints(line_total) == {
        "price": float,
        "quantity": int,
        "return": float,
    }
    assert pricing.__annotations__["nickname"] is str
    assert not hasattr(pricing, "nickname")
    assert (pricing.user_id, pricing.is_active) == (42, True)
