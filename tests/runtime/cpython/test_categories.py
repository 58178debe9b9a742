"""Tests for src/examples/runtime/cpython/categories.py."""

from __future__ import annotations

import sys

import pytest
from fastapi.testclient import TestClient

from examples.runtime.cpython.categories import (
    app,
    depth_iterative,
    depth_recursive,
)

CHAIN = {1: None, **{n: n - 1 for n in range(2, 5001)}}


@pytest.fixture
def client() -> TestClient:
    return TestClient(app, raise_server_exceptions=False)


def body(parents: dict[int, int | None]) -> list[dict[str, int | None]]:
    return [{"id": key, "parent_id": value} for key, value in parents.items()]


def test_both_agree_on_a_short_chain() -> None:
    assert depth_recursive(CHAIN, 10) == depth_iterative(CHAIN, 10) == 10
    assert depth_recursive(CHAIN, 1) == depth_iterative(CHAIN, 1) == 1


def test_recursion_fails_beyond_the_limit() -> None:
    assert sys.getrecursionlimit() < 5000
    with pytest.raises(RecursionError):
        depth_recursive(CHAIN, 5000)
    assert depth_iterative(CHAIN, 5000) == 5000


def test_the_loop_reports_a_cycle() -> None:
    with pytest.raises(ValueError, match="cycle"):
        depth_iterative({1: 2, 2: 1}, 1)


def test_endpoints(client: TestClient) -> None:
    chain = body(CHAIN)
    assert client.post("/recursive/10", json=chain).json() == {"depth": 10}
    assert client.post("/recursive/5000", json=chain).status_code == 500
    assert client.post("/iterative/5000", json=chain).json() == {"depth": 5000}
    cycle = body({1: 2, 2: 1})
    response = client.post("/iterative/1", json=cycle)
    assert response.status_code == 422
    assert response.json() == {"detail": "the chain of parents has a cycle"}


def test_the_loop_reports_an_unknown_id_not_a_cycle() -> None:
    with pytest.raises(ValueError, match="unknown category 99"):
        depth_iterative({1: 99, 2: None}, 1)
    with pytest.raises(ValueError, match="unknown category 99"):
        depth_iterative({1: 99}, 1)
    with pytest.raises(ValueError, match="unknown category 7"):
        depth_iterative({1: None}, 7)


def test_client_data_with_unknown_ids_is_refused_with_422(
    client: TestClient,
) -> None:
    dangling = [{"id": 1, "parent_id": 99}, {"id": 2}]
    response = client.post("/iterative/1", json=dangling)
    assert (response.status_code, response.json()) == (
        422,
        {"detail": "unknown category 99"},
    )
    response = client.post("/iterative/7", json=[{"id": 1}])
    assert (response.status_code, response.json()) == (
        422,
        {"detail": "unknown category 7"},
    )
    # the recursive version has no such check: a KeyError, status 500
    assert client.post("/recursive/1", json=dangling).status_code == 500
