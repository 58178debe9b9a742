"""Checks of exercise 1.1.2-4 (``make exercise-check EXERCISE=1.1.2-4``)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from types import FrameType, ModuleType
from typing import Any

from fastapi.testclient import TestClient

from examples.runtime.execution_model.exercises import ex4
from examples.runtime.execution_model.exercises.mistakes import ex4 as mistake
from examples.runtime.execution_model.exercises.mistakes import (
    ex4_unlocked,
)
from examples.runtime.execution_model.exercises.starters import ex4 as starter
from tests.exercise_kit import exercise_tests, mistake_tests


def visits(client: TestClient) -> int:
    response = client.post("/visits")
    assert response.status_code == 200
    count = response.json()["visits"]
    assert isinstance(count, int)
    return count


def check_one_app_counts_its_visits(m: ModuleType) -> None:
    client = TestClient(m.create_app())
    assert [visits(client) for _ in range(3)] == [1, 2, 3]


def check_two_apps_count_apart(m: ModuleType) -> None:
    first, second = TestClient(m.create_app()), TestClient(m.create_app())
    visits(first)
    visits(first)
    assert visits(second) == 1
    assert visits(first) == 3


Tracer = Callable[[FrameType, str, Any], Any]


def lockstep(filename: str) -> Tracer:
    """A trace function: two threads run ``filename``'s lines in step.

    Before each line of that file a thread waits (at most 1 s) for a
    second one; a thread that holds a lock waits the second out alone,
    after which the barrier is broken and nothing waits any more.
    """
    barrier = threading.Barrier(2, timeout=1)

    def trace(frame: FrameType, event: str, arg: Any) -> Tracer | None:
        if frame.f_code.co_filename != filename:
            return None
        if event == "line":
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait()
        return trace

    return trace


def check_two_visits_at_once_count_twice(m: ModuleType) -> None:
    client = TestClient(m.create_app())
    assert m.__file__ is not None
    # The pool's new threads get the lockstep tracer; the one it replaces
    # (coverage's, under `make test`) is put back, or every later thread of
    # the run would go unmeasured.
    before = threading.gettrace()
    threading.settrace(lockstep(m.__file__))
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            counts = list(pool.map(lambda _: visits(client), range(2)))
    finally:
        threading.settrace(before)
    assert sorted(counts) == [1, 2], counts


CHECKS = [
    check_one_app_counts_its_visits,
    check_two_apps_count_apart,
    check_two_visits_at_once_count_twice,
]
test_attempt, test_starter_fails = exercise_tests(ex4, starter, CHECKS)
test_mistake_fails = mistake_tests(mistake, [check_two_apps_count_apart])
test_unlocked_fails = mistake_tests(
    ex4_unlocked, [check_two_visits_at_once_count_twice]
)
