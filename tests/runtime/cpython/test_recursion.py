"""The chapter's claims about C-level recursion in request bodies."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

app = FastAPI()


@app.post("/nested")
def nested(body: list[Any]) -> int:
    return len(body)


def parses(depth: int) -> bool:
    try:
        json.loads("[" * depth + "]" * depth)
    except RecursionError:
        return False
    return True


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


def test_python_recursion_far_past_the_default_limit_does_not_crash() -> None:
    def down(count: int) -> int:
        return 0 if count == 0 else 1 + down(count - 1)

    before = sys.getrecursionlimit()
    sys.setrecursionlimit(60_000)
    try:
        assert down(50_000) == 50_000
    finally:
        sys.setrecursionlimit(before)
