"""Tests for src/examples/runtime/execution_model/counter.py."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi import FastAPI
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
    """An int whose ``+`` pauses: a switch point inside ``hits += 1``.

    ``hits += 1`` on a plain int runs no Python code between the load and
    the store, so on a default build no thread switch falls there and a
    race test of the bare statement passes with or without a lock. This
    subclass calls Python code (``__add__``) after the load, and the test
    decides what it waits for there.
    """

    pause: Callable[[], None]

    def __add__(self, other: int) -> PausingInt:
        PausingInt.pause()
        return PausingInt(int(self) + other)


class ArrivalLock:
    """The endpoint's lock, counting the requests that reach and leave it.

    The first request to leave waits, after releasing the lock, until the
    second has left too: whatever the first reads after its ``with`` block
    is then the second's value, so reading outside the lock shows.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count = threading.Lock()
        self.arrived = 0
        self.left = 0
        self.both_arrived = threading.Event()
        self.both_left = threading.Event()

    def __enter__(self) -> None:
        with self._count:
            self.arrived += 1
            if self.arrived == 2:
                self.both_arrived.set()
        self._lock.acquire()

    def __exit__(self, *exc_info: object) -> None:
        self._lock.release()
        with self._count:
            self.left += 1
            first = self.left == 1
            if not first:
                self.both_left.set()
        if first:
            assert self.both_left.wait(timeout=10)


def two_requests_at_once(
    path: str,
    pause: Callable[[], None],
    lock: ArrivalLock,
    monkeypatch: pytest.MonkeyPatch,
    app: FastAPI = counter.app,
) -> tuple[int, list[int]]:
    """Send two requests to ``path`` together from a start of 0.

    Returns the final count and the two answers, sorted.
    """
    saved = counter.hits
    PausingInt.pause = pause
    monkeypatch.setattr(counter, "hits_lock", lock)
    counter.hits = PausingInt(0)
    try:
        with TestClient(app) as client, ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(client.post, [path, path]))
        assert [answer.status_code for answer in answers] == [200, 200]
        hits = sorted(answer.json()["hits"] for answer in answers)
        return int(counter.hits), hits
    finally:
        counter.hits = saved


def test_without_the_lock_an_update_is_lost(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The unsafe variant: a barrier at the switch point lets neither
    # request store before both have loaded 0; both store 1.
    both_loaded = threading.Barrier(2, timeout=10)

    def wait_for_both() -> None:
        both_loaded.wait()

    result = two_requests_at_once(
        "/unlocked-hits", wait_for_both, ArrivalLock(), monkeypatch
    )
    assert result == (1, [1, 1])


def test_the_lock_loses_no_update_even_at_a_switch_point(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The first request pauses inside the lock until the second has
    # provably reached the lock; only then does it store.
    lock = ArrivalLock()

    def wait_for_the_second_request() -> None:
        if lock.arrived == 1:
            assert lock.both_arrived.wait(timeout=10)

    result = two_requests_at_once(
        "/hits", wait_for_the_second_request, lock, monkeypatch
    )
    assert result == (2, [1, 2])
    assert (lock.arrived, lock.left) == (2, 2)


def test_reading_the_count_after_the_lock_answers_twice_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The unsafe variant of the locked endpoint: the count it returns is
    # read after the lock is released, so the second request's store can
    # come in between and both answer 2.
    mutant = FastAPI()

    @mutant.post("/hits")
    def hit_reading_after_release() -> dict[str, int]:
        with counter.hits_lock:
            counter.hits += 1
        return {"hits": counter.hits}

    lock = ArrivalLock()

    def wait_for_the_second_request() -> None:
        if lock.arrived == 1:
            assert lock.both_arrived.wait(timeout=10)

    result = two_requests_at_once(
        "/hits", wait_for_the_second_request, lock, monkeypatch, mutant
    )
    assert result == (2, [2, 2])


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
