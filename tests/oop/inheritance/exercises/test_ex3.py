"""Checks of exercise 1.2.2-3 (``make exercise-check EXERCISE=1.2.2-3``)."""

from __future__ import annotations

from types import ModuleType

from fastapi import FastAPI
from fastapi.testclient import TestClient

from examples.oop.inheritance.exercises import ex3
from examples.oop.inheritance.exercises.starters import ex3 as starter
from tests.exercise_kit import exercise_tests


def client_for(m: ModuleType) -> TestClient:
    app = FastAPI()
    m.install_handlers(app)

    @app.get("/orders/{number}")
    def order(number: int) -> dict[str, int]:
        if number == 409:
            raise m.ConflictError("order 409 is being edited")
        if number == 500:
            raise ValueError("the database password is hunter2")
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


def check_other_errors_stay_a_bare_500(m: ModuleType) -> None:
    response = client_for(m).get("/orders/500")
    assert response.status_code == 500
    assert "hunter2" not in response.text


CHECKS = [
    check_the_hierarchy,
    check_a_subclass_answers_with_its_status_and_code,
    check_one_handler_serves_the_hierarchy,
]
test_attempt, test_starter_fails = exercise_tests(ex3, starter, CHECKS)


def test_other_errors_stay_a_bare_500() -> None:
    check_other_errors_stay_a_bare_500(ex3)
