"""Tests for src/examples/runtime/execution_model/roles.py."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from examples.runtime.execution_model.roles import app, require_role

ADA = {"x-token": "token-ada"}
BOB = {"x-token": "token-bob"}


@pytest.fixture
def client() -> TestClient:
    return TestClient(app)


def test_staff_may_read(client: TestClient) -> None:
    assert client.get("/reports", headers=BOB).json() == {"reader": "bob"}
    assert client.get("/reports", headers=ADA).json() == {"reader": "ada"}


def test_only_an_admin_may_delete(client: TestClient) -> None:
    refused = client.delete("/reports/3", headers=BOB)
    assert (refused.status_code, refused.json()) == (
        403,
        {"detail": "needs admin"},
    )
    allowed = client.delete("/reports/3", headers=ADA)
    assert (allowed.status_code, allowed.json()) == (
        200,
        {"deleted": 3, "by": "ada"},
    )


def test_an_unknown_token_is_401_and_a_missing_one_422(
    client: TestClient,
) -> None:
    assert client.get("/reports", headers={"x-token": "x"}).status_code == 401
    assert client.get("/reports").status_code == 422


def test_each_call_makes_a_closure_with_its_own_cell() -> None:
    admin, staff = require_role("admin"), require_role("staff")
    assert admin is not staff
    assert admin.__code__ is staff.__code__
    assert admin.__closure__ is not None
    assert staff.__closure__ is not None
    assert admin.__closure__[0].cell_contents == "admin"
    assert staff.__closure__[0].cell_contents == "staff"
