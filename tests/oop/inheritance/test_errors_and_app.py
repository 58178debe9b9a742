"""Tests for src/examples/oop/inheritance/errors.py and app.py."""

from __future__ import annotations

import pytest
from fastapi import Request
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient

from examples.oop.inheritance.app import app_error_handler, create_app
from examples.oop.inheritance.errors import (
    AppError,
    ConflictError,
    NotFoundError,
    UserNotFoundError,
)


def test_subclasses_inherit_and_override_class_attributes() -> None:
    assert (AppError.status_code, AppError.code) == (500, "internal_error")
    assert (NotFoundError("x").status_code, NotFoundError.code) == (
        404,
        "not_found",
    )
    error = UserNotFoundError(3)
    assert (error.status_code, error.code) == (404, "user_not_found")
    assert (error.detail, error.user_id, str(error)) == (
        "no user with id 3",
        3,
        "no user with id 3",
    )
    assert ConflictError("c").status_code == 409
    assert UserNotFoundError.__mro__ == (
        UserNotFoundError,
        NotFoundError,
        AppError,
        Exception,
        BaseException,
        object,
    )


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app())


def test_found_user(client: TestClient) -> None:
    response = client.get("/users/2")
    assert response.status_code == 200
    assert response.json() == {"id": 2, "name": "grace", "locked": False}


def test_one_handler_serves_the_whole_family(client: TestClient) -> None:
    response = client.get("/users/9")
    assert response.status_code == 404
    assert response.json() == {
        "code": "user_not_found",
        "detail": "no user with id 9",
    }
    assert client.post("/users/9/lock").status_code == 404
    assert client.post("/users/1/lock").json()["locked"] is True
    response = client.post("/users/1/lock")
    assert response.status_code == 409
    assert response.json() == {
        "code": "conflict",
        "detail": "user 1 is already locked",
    }


def test_each_app_has_its_own_state() -> None:
    first, second = TestClient(create_app()), TestClient(create_app())
    assert first.post("/users/1/lock").status_code == 200
    assert second.post("/users/1/lock").status_code == 200


def test_the_closest_handler_in_the_mro_wins() -> None:
    async def not_found(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"missing": str(exc)}, status_code=410)

    app = create_app()
    app.add_exception_handler(NotFoundError, not_found)
    client = TestClient(app)
    response = client.get("/users/5")
    assert (response.status_code, response.json()) == (
        410,
        {"missing": "no user with id 5"},
    )
    client.post("/users/2/lock")
    assert client.post("/users/2/lock").status_code == 409


def test_errors_outside_the_hierarchy_are_not_handled() -> None:
    app = create_app()

    @app.get("/bug")
    def bug() -> None:
        raise KeyError("oops")

    client = TestClient(app, raise_server_exceptions=False)
    response = client.get("/bug")
    assert response.status_code == 500
    assert response.text == "Internal Server Error"


@pytest.mark.anyio
async def test_the_handler_refuses_other_exceptions() -> None:
    request = Request({"type": "http", "method": "GET", "headers": []})
    error = KeyError("not an AppError")
    with pytest.raises(KeyError) as caught:
        await app_error_handler(request, error)
    assert caught.value is error
