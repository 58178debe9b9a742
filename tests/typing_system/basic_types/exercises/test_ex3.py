"""Checks of exercise 1.3.1-3 (``make exercise-check EXERCISE=1.3.1-3``)."""

from __future__ import annotations

from types import ModuleType

from fastapi.testclient import TestClient

from examples.typing_system.basic_types.exercises import ex3
from examples.typing_system.basic_types.exercises.mistakes import (
    ex3 as mistake,
)
from examples.typing_system.basic_types.exercises.starters import (
    ex3 as starter,
)
from tests.exercise_kit import exercise_tests, mistake_tests


def status(m: ModuleType, query: str) -> int:
    code = TestClient(m.create_app()).get(f"/search?{query}").status_code
    assert isinstance(code, int)
    return code


def check_a_good_search_answers(m: ModuleType) -> None:
    client = TestClient(m.create_app())
    assert client.get("/search?q=tea").json() == {"q": "tea", "page": 1}
    assert client.get("/search?q=tea&page=3").json() == {"q": "tea", "page": 3}


def check_the_query_text_is_limited(m: ModuleType) -> None:
    assert status(m, "q=t") == 422
    assert status(m, "q=" + "t" * 51) == 422
    assert status(m, "q=" + "t" * 50) == 200
    assert status(m, "") == 422


def check_the_page_is_limited(m: ModuleType) -> None:
    assert [status(m, f"q=tea&page={p}") for p in (0, -5, 1001, 1000)] == [
        422,
        422,
        422,
        200,
    ]


CHECKS = [
    check_a_good_search_answers,
    check_the_query_text_is_limited,
    check_the_page_is_limited,
]
test_attempt, test_starter_fails = exercise_tests(ex3, starter, CHECKS)
test_mistake_fails = mistake_tests(
    mistake, [check_the_query_text_is_limited, check_the_page_is_limited]
)


def test_the_mistake_answers_a_good_search() -> None:
    check_a_good_search_answers(mistake)
