"""Checks of exercise 1.2.2-3 (``make exercise-check EXERCISE=1.2.2-3``)."""

from __future__ import annotations

import logging
from types import ModuleType

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from examples.oop.inheritance.exercises import ex3
from examples.oop.inheritance.exercises.mistakes import ex3 as mistake
from examples.oop.inheritance.exercises.starters import ex3 as starter
from tests.exercise_kit import exercise_tests, mistake_tests

SERVER_ERROR = "db failed: host=db.internal refused the connection"


def client_for(m: ModuleType) -> TestClient:
    app = FastAPI()
    m.install_handlers(app)

    @app.get("/orders/{number}")
    def order(number: int) -> dict[str, int]:
        if number == 409:
            raise m.ConflictError("order 409 is being edited")
        if number == 500:
            raise ValueError("cannot reach db.internal")
        if number == 503:
            raise m.AppError(SERVER_ERROR)
        raise m.OrderNotFoundError(f"no order {number}")

    return TestClient(app, raise_server_exceptions=False)


def answer(client: TestClient, number: int) -> tuple[int, object]:
    response = client.get(f"/orders/{number}")
    return response.status_code, response.json()


def check_the_hierarchy(m: ModuleType) -> None:
    assert issubclass(m.OrderNotFoundError, m.NotFoundError)
    assert issubclass(m.NotFoundError, m.AppError)
    assert issubclass(m.ConflictError, m.AppError)
    assert not issubclass(m.ConflictError, m.NotFoundError)


def check_a_subclass_answers_with_its_status_and_code(m: ModuleType) -> None:
    client = client_for(m)
    assert answer(client, 7) == (
        404,
        {"code": "order_not_found", "detail": "no order 7"},
    )
    assert answer(client, 409) == (
        409,
        {"code": "conflict", "detail": "order 409 is being edited"},
    )


def check_one_handler_serves_the_hierarchy(m: ModuleType) -> None:
    app = FastAPI()
    m.install_handlers(app)
    assert m.AppError in app.exception_handlers
    for specific in (m.NotFoundError, m.OrderNotFoundError, m.ConflictError):
        assert specific not in app.exception_handlers


def check_a_server_error_hides_its_message(m: ModuleType) -> None:
    response = client_for(m).get("/orders/503")
    assert (response.status_code, response.json()) == (
        500,
        {"code": "internal", "detail": "internal error"},
    )
    assert "db.internal" not in response.text


def check_other_errors_stay_a_bare_500(m: ModuleType) -> None:
    response = client_for(m).get("/orders/500")
    assert response.status_code == 500
    assert "db.internal" not in response.text


CHECKS = [
    check_the_hierarchy,
    check_a_subclass_answers_with_its_status_and_code,
    check_one_handler_serves_the_hierarchy,
    check_a_server_error_hides_its_message,
]
test_attempt, test_starter_fails = exercise_tests(ex3, starter, CHECKS)
test_mistake_fails = mistake_tests(
    mistake, [check_a_server_error_hides_its_message]
)


def test_the_mistake_echoes_the_message() -> None:
    assert answer(client_for(mistake), 503) == (
        500,
        {"code": "internal", "detail": SERVER_ERROR},
    )
    check_a_subclass_answers_with_its_status_and_code(mistake)


def test_the_message_goes_to_the_log(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger=ex3.__name__):
        client_for(ex3).get("/orders/503")
    # The operator sees what failed; that is why the message names no secret.
    assert f"internal: {SERVER_ERROR}" in caplog.text


def test_other_errors_stay_a_bare_500() -> None:
    check_other_errors_stay_a_bare_500(ex3)
