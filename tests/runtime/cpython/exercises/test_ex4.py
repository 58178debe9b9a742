"""Checks of exercise 1.1.1-4 (``make exercise-check EXERCISE=1.1.1-4``)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from types import ModuleType

import httpx2

from examples.runtime.cpython.exercises import ex4
from examples.runtime.cpython.exercises.mistakes import ex4 as mistake
from examples.runtime.cpython.exercises.starters import ex4 as starter
from tests.exercise_kit import exercise_tests, mistake_tests


async def two_at_once(m: ModuleType) -> list[int]:
    # The lookup returns only once two calls wait in it together: a call
    # that blocks the event loop keeps the second request from starting.
    both = threading.Barrier(2, timeout=1)
    transport = httpx2.ASGITransport(app=m.create_app(both.wait))
    async with httpx2.AsyncClient(
        transport=transport, base_url="http://book.test"
    ) as client:
        responses = await asyncio.gather(
            client.get("/stock"), client.get("/stock")
        )
    return sorted(response.json()["stock"] for response in responses)


def check_two_lookups_wait_together(m: ModuleType) -> None:
    assert asyncio.run(two_at_once(m)) == [0, 1]


def check_one_request_answers(m: ModuleType) -> None:
    from fastapi.testclient import TestClient

    client = TestClient(m.create_app(lambda: 7))
    response = client.get("/stock")
    assert (response.status_code, response.json()) == (200, {"stock": 7})


CHECKS = [check_one_request_answers, check_two_lookups_wait_together]
test_attempt, test_starter_fails = exercise_tests(ex4, starter, CHECKS)
test_mistake_fails = mistake_tests(mistake, [check_two_lookups_wait_together])


def test_awaiting_the_call_in_a_thread_is_right_too() -> None:
    """The solution's other answer: ``anyio.to_thread.run_sync``."""
    import anyio.to_thread
    from fastapi import FastAPI

    def create_app(lookup: Callable[[], int]) -> FastAPI:
        app = FastAPI()

        @app.get("/stock")
        async def stock() -> dict[str, int]:
            return {"stock": await anyio.to_thread.run_sync(lookup)}

        return app

    other = ModuleType("other_answer")
    other.create_app = create_app  # type: ignore[attr-defined]
    for check in CHECKS:
        check(other)
