"""Tests for src/examples/oop/abstract_classes/app.py: real requests."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import create_async_engine

from examples.oop.abstract_classes.app import create_app, get_repository
from examples.oop.abstract_classes.memory import InMemoryUserRepository
from examples.oop.abstract_classes.sql import Base

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


def test_fields_are_bounded_like_their_columns(client: TestClient) -> None:
    # SQLite does not enforce String(100); the model does, for every store.
    longest = {"email": "a@" + "b" * 252, "name": "n" * 100}
    assert client.post("/users", json=longest).status_code == 201
    for too_long in ({**ADA, "name": "n" * 101}, {**ADA, "email": "a" * 255}):
        response = client.post("/users", json=too_long)
        assert response.status_code == 422
        assert response.json()["detail"][0]["type"] == "string_too_long"
    assert len(client.get("/users").json()) == 1


def test_sqlite_alone_would_store_a_longer_name(tmp_path: Path) -> None:
    # Why the bound is in the model: the SQLite table takes 10,000 chars.
    engine = create_engine(f"sqlite:///{tmp_path / 'plain.db'}")
    Base.metadata.create_all(engine)
    with closing(sqlite3.connect(tmp_path / "plain.db")) as db:
        db.execute(
            "INSERT INTO users (email, name) VALUES (?, ?)",
            ("a@b.c", "n" * 10_000),
        )
        [(length,)] = db.execute("SELECT length(name) FROM users")
    engine.dispose()
    assert length == 10_000
