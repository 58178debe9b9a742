"""Tests for src/examples/typing_system/advanced_types/bounds.py.

Listing: examples.typing_system.mypy_cases.bound_misuse (checked by both
type checkers, never run).
"""

from __future__ import annotations

from typing import Unpack

import pytest
from fastapi import FastAPI
from fastapi.exceptions import FastAPIError
from pydantic import BaseModel

from examples.typing_system.advanced_types import bounds
from examples.typing_system.advanced_types.ids import Order
from examples.typing_system.checker import run_mypy, run_pyright


def test_the_bound_and_the_constraints_are_recorded() -> None:
    assert bounds.M.__bound__ is BaseModel
    assert bounds.M.__constraints__ == ()
    assert bounds.S.__constraints__ == (str, bytes)
    assert bounds.S.__bound__ is None


def test_rows_become_the_model_asked_for() -> None:
    [order] = bounds.parse_rows(Order, [{"id": "7", "owner": 1}])
    assert order == Order(id=7, owner=1)  # type: ignore[arg-type]


def test_strip_prefix_keeps_the_kind() -> None:
    assert bounds.strip_prefix("/orders/7", "/orders/") == "7"
    assert bounds.strip_prefix(b"/orders/7", b"/orders/") == b"7"
    with pytest.raises(TypeError):
        bounds.strip_prefix("/orders/7", b"/orders/")  # type: ignore[type-var]


def test_page_of_takes_its_typed_options() -> None:
    items = list(range(25))
    assert bounds.page_of(items) == list(range(10))
    assert bounds.page_of(items, page=3) == [20, 21, 22, 23, 24]
    assert bounds.page_of(items, page=2, size=5) == [5, 6, 7, 8, 9]


def test_fastapi_refuses_unpacked_keywords_on_an_endpoint() -> None:
    def search(**options: Unpack[bounds.PageOptions]) -> int:
        return len(options)

    with pytest.raises(FastAPIError, match=r"^Invalid args for response"):
        FastAPI().get("/search")(search)


def test_both_checkers_refuse_the_misuses() -> None:
    case = "mypy_cases/bound_misuse.py"
    assert [(d.line, d.code, d.message) for d in run_mypy(case)] == [
        (
            12,
            "type-var",
            'Value of type variable "M" of "parse_rows" cannot be '
            '"dict[Any, Any]"',
        ),
        (
            13,
            "type-var",
            'Value of type variable "S" of "strip_prefix" cannot be '
            '"Sequence[object]"',
        ),
        (14, "call-arg", 'Unexpected keyword argument "sise" for "page_of"'),
        (
            14,
            None,
            '"page_of" defined in '
            '"examples.typing_system.advanced_types.bounds"',
        ),
    ]
    assert [(d.line, d.code) for d in run_pyright(case)] == [
        (12, "reportArgumentType"),
        (13, "reportArgumentType"),
        (14, "reportCallIssue"),
    ]
