"""Tests for src/examples/runtime/execution_model/roles.py."""

from __future__ import annotations

from typing import Annotated

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient

from examples.runtime.execution_model.roles import (
    USERS_BY_TOKEN,
    User,
    app,
    require_role,
)

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
    unknown = client.get("/reports", headers={"x-token": "x"})
    assert (unknown.status_code, unknown.json()) == (
        401,
        {"detail": "unknown token"},
    )
    assert client.get("/reports").status_code == 422


def test_each_call_makes_a_closure_with_its_own_cell() -> None:
    admin, staff = require_role("admin"), require_role("staff")
    assert admin is not staff
    assert admin.__code__ is staff.__code__
    assert admin.__closure__ is not None
    assert staff.__closure__ is not None
    assert admin.__closure__[0].cell_contents == "admin"
    assert staff.__closure__[0].cell_contents == "staff"


def test_a_role_check_built_in_a_new_app_refuses_and_admits() -> None:
    # The app of the module builds its checks when it is imported; this
    # one is built here, so the test exercises require_role's body itself.
    fresh = FastAPI()

    @fresh.get("/audit")
    async def audit(
        user: Annotated[User, Depends(require_role("auditor"))],
    ) -> dict[str, str]:
        return {"auditor": user.name}

    client = TestClient(fresh)
    refused = client.get("/audit", headers=ADA)
    assert (refused.status_code, refused.json()) == (
        403,
        {"detail": "needs auditor"},
    )
    USERS_BY_TOKEN["token-eve"] = User(
        name="eve", roles=frozenset({"auditor"})
    )
    try:
        allowed = client.get("/audit", headers={"x-token": "token-eve"})
    finally:
        del USERS_BY_TOKEN["token-eve"]
    assert (allowed.status_code, allowed.json()) == (200, {"auditor": "eve"})
