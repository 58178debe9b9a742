"""Tests for src/examples/typing_system/basic_types/containers.py."""

from __future__ import annotations

from typing import get_args

import examples.typing_system.basic_types.containers as containers


def test_the_values_match_their_annotations() -> None:
    hints = containers.__annotations__
    assert hints["tags"] == list[str]
    assert all(isinstance(tag, str) for tag in containers.tags)
    assert get_args(hints["coords"]) == (float, float)
    assert len(containers.coords) == 2
    assert get_args(hints["ids"]) == (int, ...)
    assert containers.meta == {"age": 30}
    assert containers.roles == {"admin"}
