"""Checks of exercise 1.3.2-4 (``make exercise-check EXERCISE=1.3.2-4``)."""

from __future__ import annotations

from types import ModuleType

from fastapi.testclient import TestClient

from examples.typing_system.advanced_types.exercises import ex4
from examples.typing_system.advanced_types.exercises.mistakes import (
    ex4 as mistake,
)
from examples.typing_system.advanced_types.exercises.starters import (
    ex4 as starter,
)
from tests.exercise_kit import exercise_tests, mistake_tests

START = {"nickname": "ada", "bio": "Engines."}


def check_a_field_left_out_is_kept(m: ModuleType) -> None:
    client = TestClient(m.create_app())
    response = client.patch("/profile", json={"nickname": "countess"})
    assert response.json() == {"nickname": "countess", "bio": "Engines."}
    assert client.patch("/profile", json={}).json() == response.json()


def check_null_clears_a_field(m: ModuleType) -> None:
    client = TestClient(m.create_app())
    response = client.patch("/profile", json={"bio": None})
    assert response.json() == {"nickname": "ada", "bio": None}
    assert client.get("/profile").json() == {"nickname": "ada", "bio": None}


def check_an_unknown_field_is_refused(m: ModuleType) -> None:
    client = TestClient(m.create_app())
    assert client.patch("/profile", json={"admin": True}).status_code == 422
    assert client.get("/profile").json() == START


CHECKS = [
    check_a_field_left_out_is_kept,
    check_null_clears_a_field,
    check_an_unknown_field_is_refused,
]
test_attempt, test_starter_fails = exercise_tests(ex4, starter, CHECKS)
test_mistake_fails = mistake_tests(
    mistake, [check_a_field_left_out_is_kept, check_null_clears_a_field]
)


def test_the_mistake_refuses_unknown_fields() -> None:
    check_an_unknown_field_is_refused(mistake)
