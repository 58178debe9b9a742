"""Checks of exercise 1.2.1-4 (``make exercise-check EXERCISE=1.2.1-4``)."""

from __future__ import annotations

from types import ModuleType

from fastapi.testclient import TestClient

from examples.oop.classes.exercises import ex4
from examples.oop.classes.exercises.mistakes import ex4 as mistake
from examples.oop.classes.exercises.starters import ex4 as starter
from tests.exercise_kit import exercise_tests, mistake_tests


def statuses(client: TestClient, who: str, times: int) -> list[int]:
    return [
        client.get("/search", headers={"x-client": who}).status_code
        for _ in range(times)
    ]


def check_a_client_gets_429_past_its_limit(m: ModuleType) -> None:
    client = TestClient(m.create_app(m.Quota(2)))
    assert statuses(client, "ada", 3) == [200, 200, 429]
    assert statuses(client, "bob", 1) == [200]


def check_two_quotas_count_apart(m: ModuleType) -> None:
    first, second = m.Quota(1), m.Quota(1)
    assert first.take("cy") is True
    assert first.take("cy") is False
    assert second.take("cy") is True


CHECKS = [check_a_client_gets_429_past_its_limit, check_two_quotas_count_apart]
test_attempt, test_starter_fails = exercise_tests(ex4, starter, CHECKS)
test_mistake_fails = mistake_tests(mistake, [check_two_quotas_count_apart])


def test_the_mistake_serves_searches() -> None:
    client = TestClient(mistake.create_app(mistake.Quota(1)))
    assert statuses(client, "only-this-test", 2) == [200, 429]
