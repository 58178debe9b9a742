"""Checks of exercise 1.1.3-4 (``make exercise-check EXERCISE=1.1.3-4``)."""

from __future__ import annotations

from types import ModuleType

from fastapi.testclient import TestClient

from examples.runtime.memory.exercises import ex4
from examples.runtime.memory.exercises.mistakes import ex4 as mistake
from examples.runtime.memory.exercises.starters import ex4 as starter
from tests.exercise_kit import exercise_tests, mistake_tests

# Built at run time, as a key read from the environment is: equal to the
# header's value, but another object.
KEY = "".join(["s3cr3t", "-", "key", "-", "42"])


def check_the_right_key_gets_the_orders(m: ModuleType) -> None:
    client = TestClient(m.create_app(KEY))
    response = client.get("/orders", headers={"x-api-key": "s3cr3t-key-42"})
    assert (response.status_code, response.json()) == (200, {"orders": [1, 2]})


def check_a_wrong_or_missing_key_gets_401(m: ModuleType) -> None:
    client = TestClient(m.create_app(KEY))
    wrong = client.get("/orders", headers={"x-api-key": "guess"})
    assert wrong.status_code == 401
    assert client.get("/orders").status_code == 401
    assert KEY not in wrong.text  # a refusal never shows the secret


def check_an_empty_key_is_refused_at_startup(m: ModuleType) -> None:
    # create_app("") would otherwise let in a request without the header
    # (or with an empty one)
    try:
        m.create_app("")
    except ValueError:
        return  # any message will do
    raise AssertionError("create_app('') must raise ValueError")


def check_an_empty_header_gets_401(m: ModuleType) -> None:
    client = TestClient(m.create_app(KEY))
    assert client.get("/orders", headers={"x-api-key": ""}).status_code == 401


CHECKS = [
    check_the_right_key_gets_the_orders,
    check_a_wrong_or_missing_key_gets_401,
    check_an_empty_key_is_refused_at_startup,
    check_an_empty_header_gets_401,
]
test_attempt, test_starter_fails = exercise_tests(ex4, starter, CHECKS)
test_mistake_fails = mistake_tests(
    mistake, [check_the_right_key_gets_the_orders]
)


def test_the_mistake_accepts_only_the_very_same_object() -> None:
    app = mistake.create_app(KEY)
    (endpoint,) = [r.endpoint for r in app.routes if r.path == "/orders"]  # type: ignore[attr-defined]
    assert endpoint(x_api_key=KEY) == {"orders": [1, 2]}
