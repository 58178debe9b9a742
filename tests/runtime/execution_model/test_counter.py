"""Tests for src/examples/runtime/execution_model/counter.py."""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient

from examples.runtime.execution_model import counter


def test_every_request_shares_the_global() -> None:
    client = TestClient(counter.app)
    start = counter.hits
    assert [client.post("/hits").json()["hits"] for _ in range(3)] == [
        start + 1,
        start + 2,
        start + 3,
    ]
    assert counter.hits == start + 3


class PausingInt(int):
    """An int whose ``+`` waits at a barrier: a switch point inside ``+=``.

    ``hits += 1`` on a plain int runs no Python code between the load and
    the store, so on a default build no thread switch falls there and a
    race test of the bare statement passes with or without a lock. This
    subclass calls Python code (``__add__``) after the load: both threads
    must have loaded the old value before either may store, which forces
    the interleaving that loses an update.
    """

    barrier: threading.Barrier

    def __add__(self, other: int) -> PausingInt:
        # A broken barrier: the other thread never came (the lock kept it).
        with contextlib.suppress(threading.BrokenBarrierError):
            self.barrier.wait()
        return PausingInt(int(self) + other)


def two_requests_at_once(path: str, timeout: float) -> tuple[int, bool]:
    """Send two requests to ``path`` together from a start of 0.

    Returns the final count and whether the barrier broke (which means
    the second request could not reach the ``+`` while the first waited).
    """
    barrier = threading.Barrier(2, timeout=timeout)
    PausingInt.barrier = barrier
    saved = counter.hits
    counter.hits = PausingInt(0)
    try:
        with TestClient(counter.app) as client, ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(client.post, [path, path]))
        assert [answer.status_code for answer in answers] == [200, 200]
        return int(counter.hits), barrier.broken
    finally:
        counter.hits = saved


def test_without_the_lock_an_update_is_lost() -> None:
    # The unsafe variant: both requests read 0, both store 1.
    assert two_requests_at_once("/unlocked-hits", timeout=10) == (1, False)


def test_the_lock_loses_no_update_even_at_a_switch_point() -> None:
    # With the lock, the second request waits for the first; the first
    # waits at the barrier until it times out, and both updates count.
    assert two_requests_at_once("/hits", timeout=0.5) == (2, True)


def test_concurrent_requests_get_distinct_counts() -> None:
    # A smoke test only: without a forced switch point the unlocked
    # variant would pass it too, which is why the tests above force one.
    start = counter.hits
    with TestClient(counter.app) as client, ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(client.post, ["/hits"] * 40))
    seen: list[dict[str, int]] = [response.json() for response in responses]
    assert counter.hits == start + 40
    assert sorted(answer["hits"] for answer in seen) == list(
        range(start + 1, start + 41)
    )
