"""Checks of exercise 1.2.1-3 (``make exercise-check EXERCISE=1.2.1-3``)."""

from __future__ import annotations

import logging
from types import ModuleType

from examples.oop.classes.exercises import ex3
from examples.oop.classes.exercises.mistakes import ex3 as mistake
from examples.oop.classes.exercises.starters import ex3 as starter
from tests.exercise_kit import exercise_tests, mistake_tests

PASSWORD = "hunter2-secret"


def check_repr_shows_the_url(m: ModuleType) -> None:
    config = m.DatabaseConfig("postgresql://db/app", PASSWORD)
    assert "postgresql://db/app" in repr(config)


def check_no_printed_form_shows_the_password(m: ModuleType) -> None:
    config = m.DatabaseConfig("postgresql://db/app", PASSWORD)
    pieces = {PASSWORD[i : i + 3] for i in range(len(PASSWORD) - 2)}
    for shown in (repr(config), str(config), f"{config}", repr([config])):
        # not even 3 characters of it: password[:3] + "***" gives some away
        assert not [p for p in pieces if p in shown], shown


def check_a_log_line_does_not_show_the_password(m: ModuleType) -> None:
    config = m.DatabaseConfig("postgresql://db/app", PASSWORD)
    record = logging.LogRecord(
        "app", logging.INFO, "", 0, "%r", (config,), None
    )
    assert PASSWORD not in record.getMessage()


def check_the_password_is_still_there(m: ModuleType) -> None:
    assert m.DatabaseConfig("u", PASSWORD).password == PASSWORD


CHECKS = [
    check_repr_shows_the_url,
    check_no_printed_form_shows_the_password,
    check_a_log_line_does_not_show_the_password,
    check_the_password_is_still_there,
]
test_attempt, test_starter_fails = exercise_tests(ex3, starter, CHECKS)
test_mistake_fails = mistake_tests(
    mistake,
    [
        check_no_printed_form_shows_the_password,
        check_a_log_line_does_not_show_the_password,
    ],
)
