"""Checks of exercise 1.1.2-3 (``make exercise-check EXERCISE=1.1.2-3``)."""

from types import ModuleType
from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient

from examples.runtime.execution_model.exercises import ex3
from examples.runtime.execution_model.exercises.mistakes import ex3 as mistake
from examples.runtime.execution_model.exercises.starters import ex3 as starter
from tests.exercise_kit import exercise_tests, mistake_tests


def client_for(m: ModuleType) -> TestClient:
    app = FastAPI()
    small, large = m.page_size(20), m.page_size(50)

    @app.get("/small")
    def get_small(size: Annotated[int, Depends(small)]) -> dict[str, int]:
        return {"size": size}

    @app.get("/large")
    def get_large(size: Annotated[int, Depends(large)]) -> dict[str, int]:
        return {"size": size}

    return TestClient(app)


def check_default_size_is_10(m: ModuleType) -> None:
    assert client_for(m).get("/small").json() == {"size": 10}


def check_each_route_keeps_its_own_maximum(m: ModuleType) -> None:
    client = client_for(m)
    assert client.get("/small", params={"size": 20}).status_code == 200
    assert client.get("/small", params={"size": 30}).status_code == 400
    assert client.get("/large", params={"size": 30}).json() == {"size": 30}
    assert client.get("/large", params={"size": 51}).status_code == 400


def check_a_client_cannot_raise_the_maximum(m: ModuleType) -> None:
    client = client_for(m)
    response = client.get("/small", params={"size": 30, "limit": 100})
    assert response.status_code == 400
    schema = client.get("/openapi.json").json()
    names = [p["name"] for p in schema["paths"]["/small"]["get"]["parameters"]]
    assert names == ["size"]


CHECKS = [
    check_default_size_is_10,
    check_each_route_keeps_its_own_maximum,
    check_a_client_cannot_raise_the_maximum,
]
test_attempt, test_starter_fails = exercise_tests(ex3, starter, CHECKS)
test_mistake_fails = mistake_tests(
    mistake, [check_a_client_cannot_raise_the_maximum]
)


def test_the_mistake_refuses_sizes_above_its_default_limit() -> None:
    import pytest
    from fastapi import HTTPException

    with pytest.raises(HTTPException):
        mistake.page_size(5)(size=6)
