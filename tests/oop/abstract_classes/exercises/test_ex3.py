"""Checks of exercise 1.2.5-3 (``make exercise-check EXERCISE=1.2.5-3``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from types import ModuleType

from examples.oop.abstract_classes.exercises import ex3
from examples.oop.abstract_classes.exercises.contract import (
    Note,
    NoteRepository,
)
from examples.oop.abstract_classes.exercises.mistakes import ex3 as mistake
from examples.oop.abstract_classes.exercises.starters import ex3 as starter
from tests.exercise_kit import exercise_tests, mistake_tests


@contextmanager
def fresh(m: ModuleType) -> Iterator[NoteRepository]:
    with closing(sqlite3.connect(":memory:")) as connection:
        repository = m.SqliteNoteRepository(connection)
        assert isinstance(repository, NoteRepository)
        yield repository


def check_it_keeps_the_contract(m: ModuleType) -> None:
    with fresh(m) as repository:
        first = repository.add("tea")
        second = repository.add("mint")
        repository.add("tea")
        assert (first, second) == (Note(1, "tea"), Note(2, "mint"))
        assert repository.get(2) == Note(2, "mint")
        assert repository.get(99) is None
        assert repository.by_title("tea") == [Note(1, "tea"), Note(3, "tea")]
        assert repository.by_title("coffee") == []


def check_a_title_is_data_never_sql(m: ModuleType) -> None:
    hostile = "x' OR '1'='1"
    with fresh(m) as repository:
        repository.add("tea")
        assert repository.by_title(hostile) == []
        assert repository.add(hostile) == Note(2, hostile)
        assert repository.by_title(hostile) == [Note(2, hostile)]


def check_the_rows_are_in_the_database(m: ModuleType) -> None:
    with closing(sqlite3.connect(":memory:")) as connection:
        m.SqliteNoteRepository(connection).add("tea")
        again = m.SqliteNoteRepository(connection)  # another request's
        assert again.get(1) == Note(1, "tea")
        rows = connection.execute("SELECT id, title FROM notes").fetchall()
        assert rows == [(1, "tea")]


CHECKS = [
    check_it_keeps_the_contract,
    check_a_title_is_data_never_sql,
    check_the_rows_are_in_the_database,
]
test_attempt, test_starter_fails = exercise_tests(ex3, starter, CHECKS)
test_mistake_fails = mistake_tests(mistake, [check_a_title_is_data_never_sql])


def test_the_mistake_keeps_the_contract_for_ordinary_titles() -> None:
    check_it_keeps_the_contract(mistake)
    check_the_rows_are_in_the_database(mistake)
