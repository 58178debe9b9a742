"""Checks of exercise 1.2.5-3 (``make exercise-check EXERCISE=1.2.5-3``)."""

from __future__ import annotations

import contextlib
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any, Self

from examples.oop.abstract_classes.exercises import ex3
from examples.oop.abstract_classes.exercises.contract import (
    Note,
    NoteRepository,
)
from examples.oop.abstract_classes.exercises.mistakes import ex3 as mistake
from examples.oop.abstract_classes.exercises.starters import ex3 as starter
from tests.exercise_kit import exercise_tests, mistake_tests


class Watched(sqlite3.Connection):
    """A connection that records the SQL text it is given.

    With ``meet`` set, a statement waits (at most 1 s) for a second one
    from another thread; ``most`` is how many ran at once.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sql: list[str] = []
        self.meet: threading.Barrier | None = None
        self.active = self.most = 0
        self.guard = threading.Lock()

    @contextmanager
    def running(self, sql: str) -> Iterator[None]:
        self.sql.append(sql)
        with self.guard:
            self.active += 1
            self.most = max(self.most, self.active)
        try:
            if self.meet is not None:
                with contextlib.suppress(threading.BrokenBarrierError):
                    self.meet.wait()
            yield
        finally:
            with self.guard:
                self.active -= 1

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        with self.running(sql):
            return super().execute(sql, parameters)

    def cursor(self, factory: Any = None) -> Any:
        return super().cursor(factory or WatchedCursor)


class WatchedCursor(sqlite3.Cursor):
    """A cursor whose ``execute`` its ``Watched`` connection records."""

    def execute(self, sql: str, parameters: Any = (), /) -> Self:
        connection = self.connection
        if not isinstance(connection, Watched):
            return super().execute(sql, parameters)
        with connection.running(sql):
            return super().execute(sql, parameters)


@contextmanager
def fresh(m: ModuleType) -> Iterator[NoteRepository]:
    with closing(sqlite3.connect(":memory:")) as connection:
        repository = m.SqliteNoteRepository(connection)
        assert isinstance(repository, NoteRepository)
        yield repository


@contextmanager
def database_file() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder) / "notes.db"


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


def check_no_value_is_in_the_sql_text(m: ModuleType) -> None:
    title, note_id = "Darjeeling", 424242
    with closing(sqlite3.connect(":memory:", factory=Watched)) as db:
        assert isinstance(db, Watched)
        repository = m.SqliteNoteRepository(db)
        repository.add(title)
        repository.get(note_id)
        repository.by_title(title)
        assert any("notes" in sql.lower() for sql in db.sql), db.sql
        for sql in db.sql:
            assert title not in sql, sql  # bound, not formatted in
            assert str(note_id) not in sql, sql


def check_the_rows_are_committed(m: ModuleType) -> None:
    with (
        database_file() as path,
        closing(sqlite3.connect(path)) as connection,
    ):
        m.SqliteNoteRepository(connection).add("tea")
        # another connection sees only what was committed
        with closing(sqlite3.connect(path)) as other:
            rows = other.execute("SELECT id, title FROM notes")
            assert rows.fetchall() == [(1, "tea")]
        again = m.SqliteNoteRepository(connection)  # another request's
        assert again.get(1) == Note(1, "tea")


def check_threads_take_turns_on_the_connection(m: ModuleType) -> None:
    # FastAPI runs def endpoints in a pool of threads; one connection
    # shared by them must be used by one thread at a time.
    with database_file() as path:
        db = sqlite3.connect(path, factory=Watched, check_same_thread=False)
        with closing(db):
            assert isinstance(db, Watched)
            repository = m.SqliteNoteRepository(db)
            db.meet, db.most = threading.Barrier(2, timeout=1), 0
            with ThreadPoolExecutor(max_workers=2) as pool:
                notes = list(pool.map(repository.add, ["tea", "mint"]))
            assert db.most == 1, "two threads used the connection at once"
            assert sorted(note.id for note in notes) == [1, 2]


CHECKS = [
    check_it_keeps_the_contract,
    check_a_title_is_data_never_sql,
    check_no_value_is_in_the_sql_text,
    check_the_rows_are_committed,
    check_threads_take_turns_on_the_connection,
]
test_attempt, test_starter_fails = exercise_tests(ex3, starter, CHECKS)
test_mistake_fails = mistake_tests(
    mistake,
    [
        check_a_title_is_data_never_sql,
        check_no_value_is_in_the_sql_text,
        check_threads_take_turns_on_the_connection,
    ],
)


def test_the_mistake_keeps_the_contract_for_ordinary_titles() -> None:
    check_it_keeps_the_contract(mistake)
    check_the_rows_are_committed(mistake)
