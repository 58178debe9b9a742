"""Tests for src/examples/runtime/execution_model/counter.py."""

from __future__ import annotations

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


def test_concurrent_requests_lose_no_update() -> None:
    start = counter.hits
    with TestClient(counter.app) as client, ThreadPoolExecutor(8) as pool:
        seen = list(pool.map(lambda _: client.post("/hits").json(), range(80)))
    assert counter.hits == start + 80
    assert sorted(answer["hits"] for answer in seen) == list(
        range(start + 1, start + 81)
    )
