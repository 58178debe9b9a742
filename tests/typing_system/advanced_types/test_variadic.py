"""Tests for src/examples/typing_system/advanced_types/variadic.py.

Listing: examples.typing_system.mypy_cases.variadic_args (checked by both
type checkers, never run).
"""

from __future__ import annotations

import hashlib
import inspect
from collections.abc import Iterator

import anyio.to_thread
import pytest
import starlette.concurrency
from fastapi.testclient import TestClient

from examples.typing_system.advanced_types import variadic
from examples.typing_system.checker import run_mypy, run_pyright


@pytest.fixture(autouse=True)
def no_calls() -> Iterator[None]:
    variadic.calls.clear()
    yield
    variadic.calls.clear()


def test_the_checksum_hashes_rounds_times() -> None:
    once = hashlib.sha256(b"orders").digest()
    twice = hashlib.sha256(once).digest()
    assert variadic.checksum(b"orders", 1) == once.hex()[:12]
    assert variadic.checksum(b"orders", 2) == twice.hex()[:12]
    assert variadic.checksum(b"orders", 0) == b"orders".hex()[:12]


def test_logged_call_passes_the_arguments_in_order() -> None:
    assert variadic.logged_call(variadic.checksum, b"orders", 2) == (
        variadic.checksum(b"orders", 2)
    )
    assert variadic.calls == ["checksum"]


def test_the_endpoint_runs_the_checksum_in_a_thread() -> None:
    client = TestClient(variadic.app)
    assert client.get("/checksums/orders", params={"rounds": 2}).json() == (
        variadic.checksum(b"orders", 2)
    )
    assert client.get("/checksums/orders").json() == (
        variadic.checksum(b"orders", 1)
    )


def test_the_signatures_the_chapter_cites() -> None:
    run_sync = inspect.signature(anyio.to_thread.run_sync)
    assert str(run_sync.parameters["func"].annotation) == (
        "Callable[[Unpack[PosArgsT]], T_Retval]"
    )
    assert str(run_sync.parameters["args"].annotation) == "Unpack[PosArgsT]"
    assert {"abandon_on_cancel", "limiter"} <= set(run_sync.parameters)
    threadpool = inspect.signature(starlette.concurrency.run_in_threadpool)
    assert [str(p.annotation) for p in threadpool.parameters.values()] == [
        "Callable[P, T]",
        "P.args",
        "P.kwargs",
    ]


def test_both_checkers_check_each_argument() -> None:
    case = "mypy_cases/variadic_args.py"
    assert [(d.line, d.code) for d in run_mypy(case)] == [
        (13, "arg-type"),
        (14, "arg-type"),
        (15, "call-arg"),
        (15, None),
        (15, "arg-type"),
    ]
    verdicts = run_pyright(case)
    assert [(d.line, d.code) for d in verdicts] == [
        (13, "reportArgumentType"),
        (14, "reportArgumentType"),
        (15, "reportCallIssue"),
    ]
    assert verdicts[0].message.endswith(
        '"Literal[\'orders\']" is not assignable to "bytes"'
    )
