"""Checks of exercise 1.3.2-3 (``make exercise-check EXERCISE=1.3.2-3``)."""

from __future__ import annotations

from types import ModuleType

import pytest
from pydantic import ValidationError

from examples.typing_system.advanced_types.exercises import ex3
from examples.typing_system.advanced_types.exercises.starters import (
    ex3 as starter,
)
from tests.exercise_kit import exercise_tests


def check_a_middle_page(m: ModuleType) -> None:
    page = m.paginate(list(range(10)), 2, 3)
    assert page.model_dump() == {"items": [3, 4, 5], "page": 2, "total": 10}


def check_the_last_and_past_the_last_page(m: ModuleType) -> None:
    assert m.paginate("abcde", 3, 2).items == ["e"]
    assert m.paginate("abcde", 4, 2).items == []
    with pytest.raises(ValueError, match="start at 1"):
        m.paginate("abc", 0, 2)


def check_page_is_generic_and_validates_its_items(m: ModuleType) -> None:
    assert m.Page[int](items=[1], page=1, total=1).items == [1]
    with pytest.raises(ValidationError):
        m.Page[int](items=["one"], page=1, total=1)
    schema = m.Page[str].model_json_schema()
    assert schema["properties"]["items"]["items"] == {"type": "string"}


CHECKS = [
    check_a_middle_page,
    check_the_last_and_past_the_last_page,
    check_page_is_generic_and_validates_its_items,
]
test_attempt, test_starter_fails = exercise_tests(ex3, starter, CHECKS)
