"""Tests for src/examples/typing_system/advanced_types/toolbox.py.

Listing: examples.typing_system.mypy_cases.forgotten_status (checked by
both type checkers, never run).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.exceptions import FastAPIError
from fastapi.testclient import TestClient

from examples.typing_system.advanced_types import toolbox
from examples.typing_system.checker import run_mypy, run_pyright


@pytest.fixture(autouse=True)
def no_calls() -> Iterator[None]:
    toolbox.calls.clear()
    yield
    toolbox.calls.clear()


def test_a_wrapped_endpoint_keeps_its_parameters() -> None:
    client = TestClient(toolbox.app)
    assert client.get("/double", params={"n": 3}).json() == 6
    assert client.get("/double", params={"n": "x"}).status_code == 422
    assert toolbox.calls == ["double"]  # the 422 never reached it
    assert str(inspect.signature(toolbox.double)) == "(n: int) -> int"


def test_without_wraps_fastapi_sees_the_wrapper() -> None:
    def double(n: int) -> int:
        return 2 * n

    bare = toolbox.unwrapped(double)
    assert bare(3) == bare(n=3) == 6  # Python calls it fine
    with pytest.raises(FastAPIError, match=r"P\.args"):
        FastAPI().get("/double")(bare)


def test_type_is_narrows_and_assert_never_guards() -> None:
    client = TestClient(toolbox.app)
    assert client.get("/labels/pending").json() == "Waiting for review"
    assert client.get("/labels/active").json() == "Active"
    assert client.get("/labels/inactive").json() == "Inactive"
    assert client.get("/labels/deleted").json() == "Unknown"
    # The value is in the message: a mutant passing another value fails.
    with pytest.raises(
        AssertionError,
        match=r"^Expected code to be unreachable, but got: 'deleted'$",
    ):
        toolbox.label("deleted")  # type: ignore[arg-type]


def test_both_checkers_find_the_forgotten_status() -> None:
    case = "mypy_cases/forgotten_status.py"
    assert [(d.line, d.code) for d in run_mypy(case)] == [(14, "arg-type")]
    assert [(d.line, d.code) for d in run_pyright(case)] == [
        (14, "reportArgumentType")
    ]
