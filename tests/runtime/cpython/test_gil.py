"""Tests for src/examples/runtime/cpython/gil.py."""

from __future__ import annotations

import asyncio
import sys
import threading

import anyio.to_thread
import httpx2
import pytest
from fastapi.testclient import TestClient

from examples.runtime.cpython import gil


def test_switch_interval_is_restored_even_after_an_error() -> None:
    before = sys.getswitchinterval()
    seen: list[float] = []

    def fail_inside() -> None:
        with gil.switch_interval(60):
            seen.append(sys.getswitchinterval())
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail_inside()
    assert seen == [60]
    assert sys.getswitchinterval() == before


def test_compute_is_pure_python_work() -> None:
    assert gil.compute(4) == 0 + 1 + 4 + 9


@pytest.mark.parametrize(
    ("path", "name"), [("/compute", "compute"), ("/report", "dependency")]
)
def test_computing_in_the_pool_stops_the_event_loop(
    path: str, name: str
) -> None:
    # The unsafe kind of work: the loop cannot run until it is finished.
    with gil.switch_interval(60):
        events = asyncio.run(gil.loop_during(path))
    assert events == [f"{name} started", f"{name} finished", "event loop ran"]


@pytest.mark.parametrize(
    ("path", "name"), [("/digest", "digest"), ("/wait", "wait")]
)
def test_releasing_the_lock_lets_the_event_loop_run(
    path: str, name: str
) -> None:
    # The safe kinds: C code that releases the lock, and waiting.
    with gil.switch_interval(60):
        events = asyncio.run(gil.loop_during(path))
    assert events == [f"{name} started", "event loop ran", f"{name} finished"]


def test_the_busy_endpoints_answer() -> None:
    async def answers() -> list[object]:
        events: list[str] = []
        started, release = threading.Event(), threading.Event()
        release.set()
        app = gil.create_busy_app(events, started, release)
        transport = httpx2.ASGITransport(app=app)
        async with httpx2.AsyncClient(
            transport=transport, base_url="http://book.test"
        ) as client:
            paths = ["/compute", "/report", "/digest", "/wait"]
            return [(await client.get(path)).json() for path in paths]

    total = gil.compute(3_000_000)
    assert asyncio.run(answers()) == [
        {"total": total},
        {"total": total},
        {"chunks": 1},
        {"answered": True},
    ]


def test_the_digest_stops_at_its_deadline_if_nothing_releases_it() -> None:
    # What the ordering test relies on when hashing would keep the lock:
    # the deadline ends the hashing, so "digest finished" comes first.
    events: list[str] = []
    started, release = threading.Event(), threading.Event()
    app = gil.create_busy_app(events, started, release, hash_for=1)
    answer = TestClient(app).get("/digest").json()
    assert answer["chunks"] >= 2
    assert events == ["digest started", "digest finished"]
    assert not release.is_set()


def test_enough_tokens_let_all_three_kinds_run_together() -> None:
    assert gil.send_one_of_each(gil.create_pool_app(3, 10)) == [True] * 3


def test_too_few_tokens_make_the_third_kind_wait() -> None:
    # The failing variant: one token short, the barrier cannot fill.
    assert gil.send_one_of_each(gil.create_pool_app(2, 0.5)) == [False] * 3


def test_the_lifespan_sets_the_limiter() -> None:
    app = gil.create_pool_app(7, 1)

    @app.get("/tokens")
    async def tokens() -> dict[str, float]:
        limiter = anyio.to_thread.current_default_thread_limiter()
        return {"total": limiter.total_tokens}

    with TestClient(app) as client:
        assert client.get("/tokens").json() == {"total": 7}
