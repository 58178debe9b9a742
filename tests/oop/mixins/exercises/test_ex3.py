"""Checks of exercise 1.2.4-3 (``make exercise-check EXERCISE=1.2.4-3``)."""

from __future__ import annotations

from datetime import UTC, datetime
from types import ModuleType

import pytest
from pydantic import ValidationError

from examples.oop.mixins.exercises import ex3
from examples.oop.mixins.exercises.mistakes import ex3 as mistake
from examples.oop.mixins.exercises.starters import ex3 as starter
from tests.exercise_kit import exercise_tests, mistake_tests

NOON = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def check_input_takes_name_and_price(m: ModuleType) -> None:
    product = m.ProductIn.model_validate({"name": "tea", "price_cents": 350})
    assert product.model_dump() == {"name": "tea", "price_cents": 350}


def check_input_refuses_server_owned_fields(m: ModuleType) -> None:
    for field, value in (
        ("id", 1),
        ("owner_id", 7),
        ("created_at", "2000-01-01T00:00:00Z"),
    ):
        body = {"name": "tea", "price_cents": 350, field: value}
        with pytest.raises(ValidationError, match=field):
            m.ProductIn.model_validate(body)


def check_input_refuses_bad_values(m: ModuleType) -> None:
    for body in (
        {"name": "", "price_cents": 1},
        {"name": "t", "price_cents": 0},
    ):
        with pytest.raises(ValidationError):
            m.ProductIn.model_validate(body)


def check_output_adds_the_server_fields(m: ModuleType) -> None:
    out = m.ProductOut(
        name="tea", price_cents=350, id=1, owner_id=7, created_at=NOON
    )
    assert out.model_dump() == {
        "name": "tea",
        "price_cents": 350,
        "id": 1,
        "owner_id": 7,
        "created_at": NOON,
    }
    with pytest.raises(ValidationError):  # a naive time is refused
        m.ProductOut(
            name="tea",
            price_cents=350,
            id=1,
            owner_id=7,
            created_at=datetime(2026, 3, 1),  # noqa: DTZ001 - the check
        )


def check_server_fields_come_from_a_mixin(m: ModuleType) -> None:
    assert issubclass(m.ProductOut, m.ServerFields)
    assert not issubclass(m.ProductIn, m.ServerFields)
    assert set(m.ServerFields.model_fields) == {"id", "owner_id", "created_at"}


def check_output_leaves_out_other_columns(m: ModuleType) -> None:
    # a row with a column the answer does not name is answered, not a 500
    row = {
        "name": "tea",
        "price_cents": 350,
        "id": 1,
        "owner_id": 7,
        "created_at": NOON,
        "cost_cents": 120,
    }
    assert "cost_cents" not in m.ProductOut.model_validate(row).model_dump()


CHECKS = [
    check_input_takes_name_and_price,
    check_input_refuses_server_owned_fields,
    check_input_refuses_bad_values,
    check_output_adds_the_server_fields,
    check_server_fields_come_from_a_mixin,
    check_output_leaves_out_other_columns,
]
test_attempt, test_starter_fails = exercise_tests(ex3, starter, CHECKS)
test_mistake_fails = mistake_tests(
    mistake, [check_input_refuses_server_owned_fields]
)
