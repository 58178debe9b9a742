"""Checks of exercise 1.2.2-4 (``make exercise-check EXERCISE=1.2.2-4``)."""

from __future__ import annotations

from types import ModuleType

from examples.oop.inheritance.exercises import ex4
from examples.oop.inheritance.exercises.mistakes import ex4 as mistake
from examples.oop.inheritance.exercises.starters import ex4 as starter
from tests.exercise_kit import exercise_tests, mistake_tests


def check_one_call_sets_every_layer(m: ModuleType) -> None:
    client = m.PaymentClient(name="pay", retries=3, timeout=2.5)
    assert (client.name, client.retries, client.timeout) == ("pay", 3, 2.5)


def check_settings_merge_every_layer(m: ModuleType) -> None:
    client = m.PaymentClient(name="pay", retries=3, timeout=2.5)
    assert client.settings() == {"name": "pay", "timeout": 2.5, "retries": 3}


def check_each_layer_works_alone(m: ModuleType) -> None:
    assert m.WithRetries(name="a", retries=1).settings() == {
        "name": "a",
        "retries": 1,
    }
    assert m.WithTimeout(name="b", timeout=1.0).timeout == 1.0


CHECKS = [
    check_one_call_sets_every_layer,
    check_settings_merge_every_layer,
    check_each_layer_works_alone,
]
test_attempt, test_starter_fails = exercise_tests(ex4, starter, CHECKS)
test_mistake_fails = mistake_tests(
    mistake,
    [check_one_call_sets_every_layer, check_settings_merge_every_layer],
)


def test_the_mistake_works_for_one_layer() -> None:
    check_each_layer_works_alone(mistake)


def test_the_mistakes_timeout_layer_alone() -> None:
    alone = mistake.WithTimeout(name="b", timeout=1.0)
    assert alone.settings() == {"name": "b", "timeout": 1.0}
