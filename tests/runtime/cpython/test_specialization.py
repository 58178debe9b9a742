"""The chapter's claim about specialization under a trace function."""

from __future__ import annotations

import dis
import sys
from types import FrameType
from typing import Any


def total(price: int, quantity: int) -> int:
    return price * quantity + 1


def ignore(frame: FrameType, event: str, arg: Any) -> None:
    return None


def test_a_trace_function_stops_specialization_only_on_3_11() -> None:
    before = sys.gettrace()
    sys.settrace(ignore)
    try:
        for _ in range(1000):
            total(3, 4)
    finally:
        sys.settrace(before)
    names = [
        step.opname
        for step in dis.get_instructions(total, adaptive=True)
        if step.opname.startswith("BINARY_OP")
    ]
    if sys.version_info < (3, 12):
        assert names == ["BINARY_OP_ADAPTIVE", "BINARY_OP_ADAPTIVE"]
    else:
        assert names == ["BINARY_OP_MULTIPLY_INT", "BINARY_OP_ADD_INT"]
