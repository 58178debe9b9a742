"""Checks of exercise 1.2.3-4 (``make exercise-check EXERCISE=1.2.3-4``)."""

from __future__ import annotations

from types import ModuleType

from fastapi.testclient import TestClient

from examples.oop.composition.exercises import ex4
from examples.oop.composition.exercises.mistakes import ex4 as mistake
from examples.oop.composition.exercises.starters import ex4 as starter
from tests.exercise_kit import exercise_tests, mistake_tests


class Recorder:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def notify(self, text: str) -> None:
        self.sent.append(text)


def check_orders_are_placed(m: ModuleType) -> None:
    client = TestClient(m.create_app())
    response = client.post("/orders", json={"item": "tea"})
    assert (response.status_code, response.json()) == (
        201,
        {"id": 1, "item": "tea"},
    )


def check_a_test_can_replace_the_notifier(m: ModuleType) -> None:
    app = m.create_app()
    recorder = Recorder()
    app.dependency_overrides[m.get_notifier] = lambda: recorder
    client = TestClient(app)
    client.post("/orders", json={"item": "tea"})
    client.post("/orders", json={"item": "mint"})
    assert recorder.sent == ["order 1: tea", "order 2: mint"]


def check_ids_count_per_application(m: ModuleType) -> None:
    first, second = TestClient(m.create_app()), TestClient(m.create_app())
    first.post("/orders", json={"item": "tea"})
    first.post("/orders", json={"item": "mint"})
    response = second.post("/orders", json={"item": "tea"})
    assert response.json() == {"id": 1, "item": "tea"}


CHECKS = [
    check_orders_are_placed,
    check_a_test_can_replace_the_notifier,
    check_ids_count_per_application,
]
test_attempt, test_starter_fails = exercise_tests(ex4, starter, CHECKS)
test_mistake_fails = mistake_tests(
    mistake, [check_a_test_can_replace_the_notifier]
)


def test_the_mistake_places_orders() -> None:
    check_orders_are_placed(mistake)
    mistake.get_notifier().notify("x")


def test_each_app_keeps_its_own_outbox() -> None:
    first, second = ex4.create_app(), ex4.create_app()
    TestClient(first).post("/orders", json={"item": "tea"})
    assert first.state.notifier.outbox == ["order 1: tea"]
    assert second.state.notifier.outbox == []
