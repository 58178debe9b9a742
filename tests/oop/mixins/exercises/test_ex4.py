"""Checks of exercise 1.2.4-4 (``make exercise-check EXERCISE=1.2.4-4``)."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import ModuleType

from fastapi.testclient import TestClient

from examples.oop.mixins.exercises import ex4
from examples.oop.mixins.exercises.mistakes import ex4 as mistake
from examples.oop.mixins.exercises.starters import ex4 as starter
from tests.exercise_kit import exercise_tests, mistake_tests

PASSWORD = "correct horse battery"
ADA = {"email": "ada@example.com", "password": PASSWORD}


def check_sign_up_answers_id_email_and_an_aware_time(m: ModuleType) -> None:
    client = TestClient(m.create_app())
    response = client.post("/users", json=ADA)
    assert response.status_code == 201
    user = response.json()
    assert sorted(user) == ["created_at", "email", "id"]
    assert (user["id"], user["email"]) == (1, "ada@example.com")
    created = datetime.fromisoformat(user["created_at"])
    assert created.utcoffset() == timedelta(0)


def check_the_answer_never_holds_the_password(m: ModuleType) -> None:
    response = TestClient(m.create_app()).post("/users", json=ADA)
    assert response.status_code == 201
    assert PASSWORD not in response.text
    assert "password" not in response.text


def check_a_client_cannot_set_server_fields(m: ModuleType) -> None:
    client = TestClient(m.create_app())
    for extra in (
        {"is_admin": True},
        {"id": 99},
        {"created_at": "2000-01-01T00:00:00Z"},
    ):
        response = client.post("/users", json={**ADA, **extra})
        assert response.status_code == 422, extra


def check_a_short_password_is_refused(m: ModuleType) -> None:
    client = TestClient(m.create_app())
    body = {"email": "ada@example.com", "password": "short"}
    assert client.post("/users", json=body).status_code == 422


CHECKS = [
    check_sign_up_answers_id_email_and_an_aware_time,
    check_the_answer_never_holds_the_password,
    check_a_client_cannot_set_server_fields,
    check_a_short_password_is_refused,
]
test_attempt, test_starter_fails = exercise_tests(ex4, starter, CHECKS)
test_mistake_fails = mistake_tests(
    mistake,
    [
        check_sign_up_answers_id_email_and_an_aware_time,
        check_the_answer_never_holds_the_password,
        check_a_client_cannot_set_server_fields,
        check_a_short_password_is_refused,
    ],
)
