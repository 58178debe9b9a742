"""Tests for src/examples/oop/mixins/trap.py and fixed.py."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from examples.oop.mixins import fixed, trap

HOSTILE: dict[str, Any] = {
    "email": "mallory@example.com",
    "name": "Mallory",
    "deleted_at": "2000-01-01T00:00:00Z",
    "created_at": "1999-12-31T23:59:59Z",
}
HONEST = {"email": "ada@example.com", "name": "Ada"}


def test_the_trap_lets_a_client_set_server_owned_fields() -> None:
    app = trap.create_app()
    client = TestClient(app)
    response = client.post("/users", json=HOSTILE)
    assert response.status_code == 201
    body = response.json()
    assert body["deleted_at"] == "2000-01-01T00:00:00Z"
    assert body["created_at"] == "1999-12-31T23:59:59Z"
    assert client.get("/users").json() == []
    schema = app.openapi()["components"]["schemas"]["User"]
    assert {"deleted_at", "created_at", "updated_at"} <= set(
        schema["properties"]
    )


def test_the_trap_app_lists_honest_users() -> None:
    client = TestClient(trap.create_app())
    assert client.post("/users", json=HONEST).status_code == 201
    [user] = client.get("/users").json()
    assert (user["id"], user["deleted_at"]) == (1, None)


@pytest.mark.parametrize(
    "field", ["deleted_at", "created_at", "updated_at", "id"]
)
def test_the_fix_refuses_each_server_owned_field(field: str) -> None:
    client = TestClient(fixed.create_app())
    value = 7 if field == "id" else "2000-01-01T00:00:00Z"
    response = client.post("/users", json={**HONEST, field: value})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["loc"], error["type"]) == (
        ["body", field],
        "extra_forbidden",
    )
    assert client.get("/users").json() == []


def test_the_fix_fills_in_server_owned_fields() -> None:
    client = TestClient(fixed.create_app())
    response = client.post("/users", json=HONEST)
    assert response.status_code == 201
    user = response.json()
    assert user["id"] == 1
    assert user["deleted_at"] is None
    assert user["created_at"].endswith("Z")
    assert user["updated_at"] >= user["created_at"]
    assert client.get("/users/1").json() == user
    assert client.get("/users").json() == [user]


def test_soft_delete_through_the_endpoint() -> None:
    client = TestClient(fixed.create_app())
    client.post("/users", json=HONEST)
    client.post("/users", json={"email": "lin@example.com", "name": "Lin"})
    response = client.delete("/users/1")
    assert (response.status_code, response.content) == (204, b"")
    assert client.get("/users/1").status_code == 404
    assert client.delete("/users/1").status_code == 404
    assert client.get("/users/3").status_code == 404
    assert [u["name"] for u in client.get("/users").json()] == ["Lin"]


def test_the_models_and_schema_of_the_fix() -> None:
    assert list(fixed.UserCreate.model_fields) == ["email", "name"]
    assert list(fixed.UserRead.model_fields) == [
        "email",
        "name",
        "deleted_at",
        "created_at",
        "updated_at",
        "id",
    ]
    spec = fixed.create_app().openapi()
    request = spec["paths"]["/users"]["post"]["requestBody"]
    assert request["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/UserCreate"
    }
    assert sorted(
        spec["components"]["schemas"]["UserCreate"]["properties"]
    ) == [
        "email",
        "name",
    ]


def test_without_forbid_unknown_keys_are_dropped_silently() -> None:
    class Lenient(BaseModel):
        email: str
        name: str

    user = Lenient.model_validate({**HONEST, "deleted_at": "2000-01-01"})
    assert user.model_dump() == HONEST
    assert Lenient.model_config.get("extra") is None
