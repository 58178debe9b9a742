"""Checks of exercise 1.2.3-3 (``make exercise-check EXERCISE=1.2.3-3``)."""

from __future__ import annotations

from datetime import UTC, datetime
from types import ModuleType

import pytest

from examples.oop.composition.exercises import ex3
from examples.oop.composition.exercises.mistakes import ex3 as mistake
from examples.oop.composition.exercises.starters import ex3 as starter
from tests.exercise_kit import exercise_tests, mistake_tests

NOON = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


class FixedClock:
    def now(self) -> datetime:
        return NOON


class ListStore:
    def __init__(self) -> None:
        self.rows: list[tuple[str, datetime]] = []

    def add(self, item: str, placed_at: datetime) -> int:
        self.rows.append((item, placed_at))
        return len(self.rows)


def check_an_order_gets_the_stores_id(m: ModuleType) -> None:
    service = m.OrderService(ListStore(), FixedClock())
    assert [service.place(i).id for i in ("tea", "mint")] == [1, 2]


def check_an_order_gets_the_clocks_time(m: ModuleType) -> None:
    store = ListStore()
    order = m.OrderService(store, FixedClock()).place("tea")
    assert (order.item, order.placed_at) == ("tea", NOON)
    assert store.rows == [("tea", NOON)]


def check_a_blank_item_is_refused_and_not_stored(m: ModuleType) -> None:
    store = ListStore()
    with pytest.raises(ValueError, match="item"):
        m.OrderService(store, FixedClock()).place("  ")
    assert store.rows == []


CHECKS = [
    check_an_order_gets_the_stores_id,
    check_an_order_gets_the_clocks_time,
    check_a_blank_item_is_refused_and_not_stored,
]
test_attempt, test_starter_fails = exercise_tests(ex3, starter, CHECKS)
test_mistake_fails = mistake_tests(
    mistake, [check_an_order_gets_the_clocks_time]
)


def test_the_mistake_stores_orders() -> None:
    check_an_order_gets_the_stores_id(mistake)
    check_a_blank_item_is_refused_and_not_stored(mistake)
