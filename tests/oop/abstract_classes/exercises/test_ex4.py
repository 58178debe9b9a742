"""Checks of exercise 1.2.5-4 (``make exercise-check EXERCISE=1.2.5-4``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, closing, contextmanager
from types import ModuleType

from fastapi.testclient import TestClient

from examples.oop.abstract_classes.exercises import ex4
from examples.oop.abstract_classes.exercises.contract import (
    Note,
    NoteRepository,
)
from examples.oop.abstract_classes.exercises.ex3 import SqliteNoteRepository
from examples.oop.abstract_classes.exercises.mistakes import ex4 as mistake
from examples.oop.abstract_classes.exercises.starters import ex4 as starter
from tests.exercise_kit import exercise_tests, mistake_tests


class ListNoteRepository(NoteRepository):
    """A second implementation the application must also work with."""

    def __init__(self) -> None:
        self.notes: list[Note] = []

    def add(self, title: str) -> Note:
        self.notes.append(Note(len(self.notes) + 1, title))
        return self.notes[-1]

    def get(self, note_id: int) -> Note | None:
        return next((n for n in self.notes if n.id == note_id), None)

    def by_title(self, title: str) -> list[Note]:
        return [n for n in self.notes if n.title == title]


@contextmanager
def in_sqlite() -> Iterator[NoteRepository]:
    # check_same_thread=False: FastAPI runs def endpoints in other threads
    with closing(sqlite3.connect(":memory:", check_same_thread=False)) as db:
        yield SqliteNoteRepository(db)


@contextmanager
def in_a_list() -> Iterator[NoteRepository]:
    yield ListNoteRepository()


REPOSITORIES: list[Callable[[], AbstractContextManager[NoteRepository]]] = [
    in_a_list,
    in_sqlite,
]


def check_a_note_is_stored_and_read_back(m: ModuleType) -> None:
    for make in REPOSITORIES:
        with make() as repository:
            client = TestClient(m.create_app(repository))
            response = client.post("/notes", json={"title": "tea"})
            assert (response.status_code, response.json()) == (
                201,
                {"id": 1, "title": "tea"},
            )
            assert client.get("/notes/1").json() == {"id": 1, "title": "tea"}


def check_a_missing_note_is_404(m: ModuleType) -> None:
    for make in REPOSITORIES:
        with make() as repository:
            client = TestClient(m.create_app(repository))
            assert client.get("/notes/7").status_code == 404


def check_an_empty_title_is_422(m: ModuleType) -> None:
    client = TestClient(m.create_app(ListNoteRepository()))
    assert client.post("/notes", json={"title": ""}).status_code == 422


CHECKS = [
    check_a_note_is_stored_and_read_back,
    check_a_missing_note_is_404,
    check_an_empty_title_is_422,
]
test_attempt, test_starter_fails = exercise_tests(ex4, starter, CHECKS)
test_mistake_fails = mistake_tests(mistake, [check_a_missing_note_is_404])


def test_the_list_repository_finds_by_title() -> None:
    repository = ListNoteRepository()
    repository.add("tea")
    assert repository.by_title("tea") == [Note(1, "tea")]


def test_the_mistake_stores_notes() -> None:
    check_a_note_is_stored_and_read_back(mistake)
    check_an_empty_title_is_422(mistake)
