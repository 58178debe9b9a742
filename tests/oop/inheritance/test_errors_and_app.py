"""Tests for src/examples/oop/inheritance/errors.py and app.py."""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import Any

import httpx2
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from examples.oop.inheritance import app as app_module
from examples.oop.inheritance.app import app_error_handler, create_app
from examples.oop.inheritance.db_errors import db_failure
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


def unlocked_app() -> FastAPI:
    """The unsafe variant of create_app's lock endpoint: no lock."""
    app = FastAPI()
    locked: set[int] = set()

    def find(user_id: int) -> app_module.UserOut:
        return app_module.UserOut(
            id=user_id, name="grace", locked=user_id in locked
        )

    @app.post("/users/{user_id}/lock")
    def lock_user(user_id: int) -> app_module.UserOut:
        if find(user_id).locked:
            raise ConflictError(f"user {user_id} is already locked")
        locked.add(user_id)
        return find(user_id)

    app.add_exception_handler(AppError, app_module.app_error_handler)
    return app


def two_concurrent_locks(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> list[int]:
    """POST /users/2/lock from two threads, each held inside its check.

    Every UserOut construction waits at a two-party barrier: when both
    requests are inside the check at once they pass it together; when a
    lock keeps one out, the barrier times out (a broken barrier stays
    broken) and the request goes on alone.
    """
    barrier = threading.Barrier(2, timeout=2)
    real = app_module.UserOut

    def held(**fields: Any) -> app_module.UserOut:
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return real(**fields)

    monkeypatch.setattr(app_module, "UserOut", held)
    statuses: list[int] = []
    with TestClient(app) as client:

        def post() -> None:
            statuses.append(client.post("/users/2/lock").status_code)

        threads = [threading.Thread(target=post) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return sorted(statuses)


def test_two_concurrent_locks_give_one_conflict(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert two_concurrent_locks(create_app(), monkeypatch) == [200, 409]


def test_without_the_lock_both_requests_lock_the_user(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert two_concurrent_locks(unlocked_app(), monkeypatch) == [200, 200]


INTERNALS = "host db.internal:5432 refused the connection"


def test_a_server_error_sends_no_detail(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = create_app()

    @app.get("/boom")
    def boom() -> None:
        raise AppError(f"db failed: {INTERNALS}")

    with caplog.at_level(logging.ERROR, logger=app_module.__name__):
        response = TestClient(app).get("/boom")
    assert (response.status_code, response.json()) == (
        500,
        {"code": "internal_error", "detail": "internal error"},
    )
    # The operator still sees what failed; the message names no secret.
    assert INTERNALS in caplog.text


async def echo_handler(request: Request, exc: Exception) -> JSONResponse:
    """The unsafe variant: every AppError's detail goes to the client."""
    assert isinstance(exc, AppError)
    return JSONResponse(
        status_code=exc.status_code,
        content={"code": exc.code, "detail": exc.detail},
    )


def test_echoing_every_detail_leaks_internals() -> None:
    app = FastAPI()
    app.add_exception_handler(AppError, echo_handler)

    @app.get("/boom")
    def boom() -> None:
        raise AppError(f"db failed: {INTERNALS}")

    assert INTERNALS in TestClient(app).get("/boom").text


TOKEN = "tok-s3cret"


def db_error(hide_parameters: bool) -> IntegrityError:
    """A duplicate insert whose bound values include a token."""
    engine = create_engine("sqlite://", hide_parameters=hide_parameters)
    insert = text("INSERT INTO users VALUES (:email, :token)")
    row = {"email": "ada@example.com", "token": TOKEN}
    try:
        with engine.connect() as db:
            db.execute(text("CREATE TABLE users (email UNIQUE, token)"))
            db.execute(insert, row)
            with pytest.raises(IntegrityError) as caught:
                db.execute(insert, row)
    finally:
        engine.dispose()  # close the pooled SQLite connection
    return caught.value


def logged_and_sent(
    caplog: pytest.LogCaptureFixture,
    hide_parameters: bool,
    error: IntegrityError | None = None,
    safe: bool = False,
) -> tuple[str, str]:
    app = create_app()
    if error is None:
        error = db_error(hide_parameters)
    message = db_failure(error) if safe else f"db failed: {error}"

    @app.get("/boom")
    def boom() -> None:
        raise AppError(message)

    caplog.clear()
    with caplog.at_level(logging.ERROR, logger=app_module.__name__):
        response = TestClient(app).get("/boom")
    assert response.json() == {
        "code": "internal_error",
        "detail": "internal error",
    }
    return caplog.text, response.text


def test_a_default_engine_puts_the_bound_values_in_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    logged, sent = logged_and_sent(caplog, hide_parameters=False)
    assert f"[parameters: ('ada@example.com', '{TOKEN}')]" in logged
    assert TOKEN not in sent


def test_hide_parameters_keeps_them_out_of_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    logged, sent = logged_and_sent(caplog, hide_parameters=True)
    assert "UNIQUE constraint failed: users.email" in logged
    assert "[SQL parameters hidden due to hide_parameters=True]" in logged
    assert TOKEN not in logged
    assert "ada@example.com" not in logged
    assert TOKEN not in sent


def test_db_failure_keeps_sqlite_values_out_of_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    logged, sent = logged_and_sent(caplog, hide_parameters=False, safe=True)
    assert "db failed: IntegrityError in INSERT INTO users" in logged
    assert TOKEN not in logged
    assert "ada@example.com" not in logged
    assert TOKEN not in sent


class UniqueViolationError(Exception):
    """Stands in for psycopg's error: its message is PostgreSQL's."""


PG_MESSAGE = (
    'duplicate key value violates unique constraint "users_token_key"\n'
    f"DETAIL:  Key (token)=({TOKEN}) already exists."
)


def pg_error() -> IntegrityError:
    """An IntegrityError as SQLAlchemy builds it from a PostgreSQL driver.

    PostgreSQL 15.18 with psycopg 3.3.9 sent the DETAIL line above for a
    duplicate token (run by hand; the tests do not run PostgreSQL).
    """
    return IntegrityError(
        "INSERT INTO users VALUES (%(email)s, %(token)s)",
        {"email": "ada@example.com", "token": TOKEN},
        UniqueViolationError(PG_MESSAGE),
        hide_parameters=True,
    )


def test_hide_parameters_does_not_hide_the_drivers_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    logged, sent = logged_and_sent(
        caplog, hide_parameters=True, error=pg_error()
    )
    assert "[SQL parameters hidden due to hide_parameters=True]" in logged
    assert f"DETAIL:  Key (token)=({TOKEN}) already exists." in logged
    assert TOKEN not in sent


def test_db_failure_keeps_the_drivers_message_out_of_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    logged, sent = logged_and_sent(
        caplog, hide_parameters=True, error=pg_error(), safe=True
    )
    assert (
        "db failed: UniqueViolationError in "
        "INSERT INTO users VALUES (%(email)s, %(token)s)"
    ) in logged
    assert TOKEN not in logged
    assert "DETAIL" not in logged
    assert TOKEN not in sent


class LogsLikeUvicorn:
    """Log what escapes the app as Uvicorn's run_asgi does.

    uvicorn/protocols/http/h11_impl.py (and httptools_impl.py):
    ``self.logger.error("Exception in ASGI application\\n", exc_info=exc)``
    on the "uvicorn.error" logger. TestClient runs no server, so this
    wrapper stands in for it.
    """

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        try:
            await self.app(scope, receive, send)
        except Exception as exc:
            logging.getLogger("uvicorn.error").error(
                "Exception in ASGI application\n", exc_info=exc
            )
            raise


def uncaught_db_error(
    caplog: pytest.LogCaptureFixture, app: FastAPI
) -> tuple[list[logging.LogRecord], str, httpx2.Response]:
    """Raise pg_error() uncaught in an endpoint; return the log and reply."""

    @app.get("/insert")
    def insert() -> None:
        raise pg_error()

    client = TestClient(LogsLikeUvicorn(app), raise_server_exceptions=False)
    caplog.clear()
    with caplog.at_level(logging.DEBUG):  # every logger, uvicorn.error too
        response = client.get("/insert")
    return caplog.records, caplog.text, response


def test_the_db_error_handler_keeps_uncaught_errors_out_of_the_log(
    caplog: pytest.LogCaptureFixture,
) -> None:
    records, logged, response = uncaught_db_error(caplog, create_app())
    assert response.status_code == 500
    assert response.json() == {
        "code": "internal_error",
        "detail": "internal error",
    }
    errors = [r for r in records if r.levelno >= logging.WARNING]
    assert [(r.name, r.getMessage()) for r in errors] == [
        (
            app_module.__name__,
            "db failed: UniqueViolationError in "
            "INSERT INTO users VALUES (%(email)s, %(token)s)",
        )
    ]
    assert TOKEN not in logged
    assert "DETAIL" not in logged
    assert TOKEN not in response.text


def test_without_the_handler_the_server_logs_the_drivers_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app = FastAPI()
    app.add_exception_handler(AppError, app_error_handler)  # no DBAPIError
    records, logged, response = uncaught_db_error(caplog, app)
    assert response.status_code == 500
    assert response.text == "Internal Server Error"
    [record] = [r for r in records if r.name == "uvicorn.error"]
    assert record.exc_info is not None
    assert f"DETAIL:  Key (token)=({TOKEN}) already exists." in logged
    assert TOKEN not in response.text
