"""Checks of exercise 1.3.3-3 (``make exercise-check EXERCISE=1.3.3-3``)."""

from __future__ import annotations

import json
from types import ModuleType

from examples.typing_system.structural_typing.exercises import ex3
from examples.typing_system.structural_typing.exercises.mistakes import (
    ex3 as mistake,
)
from examples.typing_system.structural_typing.exercises.starters import (
    ex3 as starter,
)
from tests.exercise_kit import exercise_tests, mistake_tests

ROW = {"id": 7, "email": "ada@example.com", "password_hash": "scrypt$c2FsdA"}


def check_only_public_keys_remain(m: ModuleType) -> None:
    shown = m.public({**ROW, "nickname": "ada"})
    assert shown == {"id": 7, "nickname": "ada"}
    assert m.public(dict(ROW)) == {"id": 7}


def check_nothing_secret_reaches_json(m: ModuleType) -> None:
    text = json.dumps(m.public(dict(ROW)))
    assert "scrypt" not in text
    assert "ada@example.com" not in text


def check_the_row_is_not_changed(m: ModuleType) -> None:
    row = dict(ROW)
    m.public(row)
    assert row == ROW


def check_the_typed_dicts_say_which_keys(m: ModuleType) -> None:
    assert m.UserRow.__required_keys__ == {"id", "email", "password_hash"}
    assert m.PublicUser.__required_keys__ == {"id"}
    assert m.PublicUser.__optional_keys__ == {"nickname"}


CHECKS = [
    check_only_public_keys_remain,
    check_nothing_secret_reaches_json,
    check_the_row_is_not_changed,
    check_the_typed_dicts_say_which_keys,
]
test_attempt, test_starter_fails = exercise_tests(ex3, starter, CHECKS)
test_mistake_fails = mistake_tests(
    mistake, [check_only_public_keys_remain, check_nothing_secret_reaches_json]
)


def test_the_mistake_declares_the_right_types() -> None:
    check_the_typed_dicts_say_which_keys(mistake)
