"""The edges of the part's query parameters, as FastAPI enforces them.

Each bound is sent on both sides, and each default is read from the
OpenAPI schema FastAPI publishes (what a client is told) and from a
request that omits the parameter. Mutation testing (``make mutants
PART=typing_system``) found these edges unasserted.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from examples.typing_system.advanced_types import ids, pages, queries, receives


def schema_of(app: FastAPI, path: str, name: str) -> dict[str, Any]:
    [parameter] = [
        p
        for p in app.openapi()["paths"][path]["get"]["parameters"]
        if p["name"] == name
    ]
    schema: dict[str, Any] = parameter["schema"]
    return schema


@pytest.mark.parametrize(
    ("app", "path", "name", "expected"),
    [
        (ids.app, "/orders", "limit", (1, 100, 10)),
        (pages.app, "/users", "page", (1, None, 1)),
        (pages.app, "/users", "size", (1, 50, 2)),
        (queries.app, "/users", "limit", (1, 100, 10)),
    ],
)
def test_the_schema_gives_each_bound_and_default(
    app: FastAPI,
    path: str,
    name: str,
    expected: tuple[int, int | None, int],
) -> None:
    schema = schema_of(app, path, name)
    found = (schema["minimum"], schema.get("maximum"), schema["default"])
    assert found == expected


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/orders?limit=1", 200),
        ("/orders?limit=0", 422),
        ("/orders?limit=100", 200),
        ("/orders?limit=101", 422),
    ],
)
def test_ids_limit_edges(url: str, status: int) -> None:
    assert TestClient(ids.app).get(url).status_code == status


def names(response: Any) -> list[str]:
    return [user["name"] for user in response.json()["items"]]


def test_pages_default_and_edges() -> None:
    client = TestClient(pages.app)
    assert names(client.get("/users")) == ["Ada", "Grace"]
    # Page 3 of size 1 starts at (3 - 1) * 1: only that offset tells
    # (page - 1) * size from other formulas that agree on pages 1 and 2.
    assert names(client.get("/users", params={"page": 3, "size": 1})) == [
        "Linus"
    ]
    assert client.get("/users", params={"page": 1}).status_code == 200
    assert client.get("/users", params={"page": 0}).status_code == 422
    for size, status in [(0, 422), (1, 200), (50, 200), (51, 422)]:
        response = client.get("/users", params={"size": size})
        assert response.status_code == status, size


def test_queries_limit_edges() -> None:
    client = TestClient(queries.app)
    assert client.get("/users", params={"limit": 100}).status_code == 200
    assert client.get("/users", params={"limit": 101}).status_code == 422
    assert client.get("/users", params={"limit": 0}).status_code == 422


def test_an_integer_literal_is_published_and_refused_as_its_values() -> None:
    # A query string is text, and text is never the int 10 (the chapter's
    # point); the values still reach the schema and the error message.
    assert schema_of(receives.app, "/pages", "size")["enum"] == [10, 50]
    client = TestClient(receives.app)
    for size in (10, 50):
        [error] = client.get("/pages", params={"size": size}).json()["detail"]
        assert (error["type"], error["msg"]) == (
            "literal_error",
            "Input should be 10 or 50",
        )
