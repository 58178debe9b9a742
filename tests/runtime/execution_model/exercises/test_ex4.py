"""Checks of exercise 1.1.2-4 (``make exercise-check EXERCISE=1.1.2-4``)."""

from __future__ import annotations

from types import ModuleType

from fastapi.testclient import TestClient

from examples.runtime.execution_model.exercises import ex4
from examples.runtime.execution_model.exercises.mistakes import ex4 as mistake
from examples.runtime.execution_model.exercises.starters import ex4 as starter
from tests.exercise_kit import exercise_tests, mistake_tests


def visits(client: TestClient) -> int:
    response = client.post("/visits")
    assert response.status_code == 200
    count = response.json()["visits"]
    assert isinstance(count, int)
    return count


def check_one_app_counts_its_visits(m: ModuleType) -> None:
    client = TestClient(m.create_app())
    assert [visits(client) for _ in range(3)] == [1, 2, 3]


def check_two_apps_count_apart(m: ModuleType) -> None:
    first, second = TestClient(m.create_app()), TestClient(m.create_app())
    visits(first)
    visits(first)
    assert visits(second) == 1
    assert visits(first) == 3


CHECKS = [check_one_app_counts_its_visits, check_two_apps_count_apart]
test_attempt, test_starter_fails = exercise_tests(ex4, starter, CHECKS)
test_mistake_fails = mistake_tests(mistake, [check_two_apps_count_apart])
