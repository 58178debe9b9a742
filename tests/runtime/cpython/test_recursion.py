"""The chapter's claims about C-level recursion in request bodies."""

from __future__ import annotations

import json
import resource
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

app = FastAPI()


@app.post("/nested")
def nested(body: list[Any]) -> int:
    return len(body)


def parses(depth: int) -> bool:
    """Whether ``json.loads`` takes the body on a thread like the server's.

    TestClient runs the app on a thread of its own, with the platform's
    default thread stack (with glibc 2 MiB on x86-64 when ``ulimit -s`` is
    unlimited), so the main thread's answer could differ on 3.14+.
    """
    result: list[bool] = []

    def parse() -> None:
        try:
            json.loads("[" * depth + "]" * depth)
        except RecursionError:
            result.append(False)
        else:
            result.append(True)

    thread = threading.Thread(target=parse)
    thread.start()
    thread.join()
    return result[0]


@pytest.mark.parametrize("depth", [500, 5_000, 50_000])
def test_fastapi_accepts_a_body_exactly_when_json_loads_does(
    depth: int,
) -> None:
    response = TestClient(app).post(
        "/nested",
        content="[" * depth + "]" * depth,
        headers={"content-type": "application/json"},
    )
    if parses(depth):
        assert response.status_code == 200
    else:
        assert (response.status_code, response.json()) == (
            400,
            {"detail": "There was an error parsing the body"},
        )


def test_plain_python_recursion_far_past_the_default_limit_does_not_crash() -> (
    None
):
    def down(count: int) -> int:
        return 0 if count == 0 else 1 + down(count - 1)

    before = sys.getrecursionlimit()
    sys.setrecursionlimit(60_000)
    try:
        assert down(50_000) == 50_000
    finally:
        sys.setrecursionlimit(before)


def test_a_small_thread_stack_refuses_a_deep_body_or_crashes_on_3_13() -> None:
    from examples.runtime.cpython.stack import parse_in_small_thread

    assert parse_in_small_thread(500) == "parsed"
    if (3, 12, 3) <= sys.version_info < (3, 13):
        pytest.skip("not run: 3.12.3+ has 3.13's count; none on this machine")
    # 3.13's fixed count of C calls lets the parser overflow a 256 KiB
    # stack; 3.11 and 3.12.1 count fewer, 3.14 measures the stack.
    expected = (
        "crashed: signal 11" if sys.version_info[:2] == (3, 13) else "refused"
    )
    assert parse_in_small_thread(5000) == expected


def test_a_child_that_fails_otherwise_is_an_error() -> None:
    from examples.runtime.cpython.stack import parse_in_small_thread

    with pytest.raises(RuntimeError, match="Traceback"):
        parse_in_small_thread(-1)


def test_a_child_killed_by_a_signal_is_reported_as_a_crash() -> None:
    # The 3.13 crash itself is checked above on 3.13; this is the same
    # report for a child that any version can produce.
    import signal
    import subprocess

    from examples.runtime.cpython.stack import outcome

    child = subprocess.run(
        [sys.executable, "-c", "import os; os.abort()"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert outcome(child) == f"crashed: signal {signal.SIGABRT.value}"


def test_a_raised_limit_lets_json_loads_crash_3_11_only() -> None:
    from examples.runtime.cpython.stack import parse_with_raised_limit

    # At the default limit every version refuses the deep body (on 3.14+
    # the stack check refuses it, not the limit); the
    # raised limit is the unsafe variant: on 3.11 C code counts against
    # it, so the parser runs off the main thread's stack.
    assert parse_with_raised_limit(100_000, limit=1000) == "refused"
    expected = (
        "crashed: signal 11" if sys.version_info < (3, 12) else "refused"
    )
    assert parse_with_raised_limit(100_000, limit=200_000) == expected


@contextmanager
def caller_stack(size: int) -> Iterator[None]:
    """Raise this process's soft stack limit, which its children inherit."""
    before = resource.getrlimit(resource.RLIMIT_STACK)
    resource.setrlimit(resource.RLIMIT_STACK, (size, before[1]))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_STACK, before)


def test_the_pinned_stack_keeps_the_outputs_whatever_the_callers() -> None:
    import subprocess

    from examples.runtime.cpython.stack import (
        RAISED_CHILD,
        outcome,
        parse_with_raised_limit,
    )

    big = 64 << 20
    hard = resource.getrlimit(resource.RLIMIT_STACK)[1]
    if hard != resource.RLIM_INFINITY and hard < big:
        pytest.skip("not run: the hard stack limit is below 64 MiB")

    def unpinned(limit: int) -> str:
        # The unsafe variant: the child inherits the caller's stack.
        child = subprocess.run(
            [sys.executable, "-c", RAISED_CHILD, "100000", str(limit)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        return outcome(child)

    limits = (1000, 200_000)
    with caller_stack(big):
        pinned = [parse_with_raised_limit(100_000, limit) for limit in limits]
        free = [unpinned(limit) for limit in limits]
    crash = "crashed: signal 11"
    assert pinned == [
        "refused",
        crash if sys.version_info < (3, 12) else "refused",
    ]
    # With a 64 MiB stack 3.11 parses under the raised limit and 3.14+'s
    # stack check lets the parse through; 3.12 and 3.13 count C calls.
    if sys.version_info < (3, 12):
        assert free == ["refused", "parsed"]
    elif sys.version_info < (3, 14):
        assert free == pinned
    else:
        assert free == ["parsed", "parsed"]
