"""Tests for src/examples/oop/abstract_classes/app.py: real requests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.ext.asyncio import create_async_engine

from examples.oop.abstract_classes.app import create_app, get_repository
from examples.oop.abstract_classes.memory import InMemoryUserRepository

ADA = {"email": "ada@example.com", "name": "Ada"}


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    # The app's lifespan creates the tables and disposes of the engine.
    engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'a.db'}")
    return create_app(engine)


@pytest.fixture(params=["sql", "memory"])
def client(
    request: pytest.FixtureRequest, app: FastAPI
) -> Iterator[TestClient]:
    if request.param == "memory":
        memory = InMemoryUserRepository()
        app.dependency_overrides[get_repository] = lambda: memory
    with TestClient(app) as client:
        yield client


def test_create_read_list_delete(client: TestClient) -> None:
    response = client.post("/users", json=ADA)
    assert (response.status_code, response.json()) == (201, {**ADA, "id": 1})
    assert client.get("/users/1").json() == {**ADA, "id": 1}
    assert client.get("/users").json() == [{**ADA, "id": 1}]
    assert client.delete("/users/1").status_code == 204
    assert client.get("/users").json() == []


def test_missing_users_are_404(client: TestClient) -> None:
    response = client.get("/users/7")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "no item with id 7"},
    )
    assert client.delete("/users/7").status_code == 404


@pytest.mark.parametrize(
    "hostile", ["1 OR 1=1", "x'; DROP TABLE users; --", "' OR '1'='1"]
)
def test_search_treats_hostile_values_as_data(
    client: TestClient, hostile: str
) -> None:
    client.post("/users", json=ADA)
    response = client.get("/users", params={"email": hostile})
    assert (response.status_code, response.json()) == (200, [])
    assert client.get("/users", params={"email": ADA["email"]}).json() == [
        {**ADA, "id": 1}
    ]
    assert (
        client.post("/users", json={"email": hostile, "name": "H"}).json()[
            "email"
        ]
        == hostile
    )
    assert len(client.get("/users").json()) == 2


def test_clients_cannot_choose_the_id(client: TestClient) -> None:
    response = client.post("/users", json={**ADA, "id": 5})
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "extra_forbidden"


def test_data_persists_between_requests_and_clients(app: FastAPI) -> None:
    with TestClient(app) as client:
        client.post("/users", json=ADA)
    with TestClient(app) as client:
        assert client.get("/users/1").json()["name"] == "Ada"
