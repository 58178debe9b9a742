"""Checks of exercise 1.3.1-4 (``make exercise-check EXERCISE=1.3.1-4``)."""

from __future__ import annotations

from types import ModuleType

from fastapi.testclient import TestClient

from examples.typing_system.basic_types.exercises import ex4
from examples.typing_system.basic_types.exercises.mistakes import (
    ex4 as mistake,
)
from examples.typing_system.basic_types.exercises.starters import (
    ex4 as starter,
)
from tests.exercise_kit import exercise_tests, mistake_tests


def check_repeated_ids_are_a_list(m: ModuleType) -> None:
    client = TestClient(m.create_app())
    response = client.get("/orders?ids=1&ids=3&ids=9")
    assert (response.status_code, response.json()) == (
        200,
        [{"id": 1, "item": "tea"}, {"id": 3, "item": "sage"}],
    )


def check_bad_ids_are_refused(m: ModuleType) -> None:
    client = TestClient(m.create_app())
    for query in ("ids=x", "ids=0", "", "&".join(["ids=1"] * 21)):
        assert client.get(f"/orders?{query}").status_code == 422, query
    assert client.get("/orders?" + "&".join(["ids=1"] * 20)).status_code == 200


CHECKS = [check_repeated_ids_are_a_list, check_bad_ids_are_refused]
test_attempt, test_starter_fails = exercise_tests(ex4, starter, CHECKS)
test_mistake_fails = mistake_tests(mistake, [check_repeated_ids_are_a_list])


def test_the_mistake_reads_the_ids_from_the_body() -> None:
    client = TestClient(mistake.create_app())
    response = client.request("GET", "/orders", json=[1, 3])
    assert response.json() == [
        {"id": 1, "item": "tea"},
        {"id": 3, "item": "sage"},
    ]
