"""Tests for src/examples/runtime/execution_model/database.py."""

from __future__ import annotations

import gc
import importlib
import sys
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.pool import StaticPool

from examples.runtime.execution_model import database

NAME = "examples.runtime.execution_model.database"


def test_importing_again_does_not_run_the_code_again() -> None:
    runs = database.EXECUTIONS
    again = importlib.import_module(NAME)
    assert again is database is sys.modules[NAME]
    assert runs == database.EXECUTIONS


def test_the_shared_engine_keeps_its_database_between_requests() -> None:
    client = TestClient(database.app)
    first = client.post("/visits").json()["visits"]
    assert first >= 1
    assert client.post("/visits").json() == {"visits": first + 1}


def test_an_engine_per_request_starts_empty_every_time() -> None:
    client = TestClient(database.app)
    for _ in range(3):
        assert client.post("/visits/new-engine").json() == {"visits": 1}


def test_reload_runs_the_code_again_in_the_same_module() -> None:
    runs, engine = database.EXECUTIONS, database.engine
    try:
        assert importlib.reload(database) is database
        assert runs + 1 == database.EXECUTIONS
        assert database.engine is not engine
        client = TestClient(database.app)
        assert client.post("/visits").json() == {"visits": 1}
    finally:
        engine.dispose()


def address_of_connection(engine: Engine) -> str:
    """The address in the repr of the engine's one SQLite connection."""
    with engine.connect() as connection:
        return f"{id(connection.connection.dbapi_connection):#x}"


def test_an_engine_left_to_the_collector_warns_from_3_13() -> None:
    # The chapter: without dispose(), the old engine's SQLite connection is
    # closed by the garbage collector, which 3.13+ report as a warning.
    engine = database.engine
    address = address_of_connection(engine)
    importlib.reload(database)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        del engine
        freed_without_collector = list(caught)
        gc.collect()
    about_it = [
        warning
        for warning in caught
        if warning.category is ResourceWarning
        and address in str(warning.message)
    ]
    assert freed_without_collector == []
    assert len(about_it) == (1 if sys.version_info >= (3, 13) else 0)


@pytest.fixture
def package_folder_on_path() -> Iterator[str]:
    folder = str(Path(database.__file__).parent)
    sys.path.insert(0, folder)
    yield folder
    sys.path.remove(folder)
    sys.modules.pop("database", None)


def test_one_file_under_two_names_runs_twice(
    package_folder_on_path: str,
) -> None:
    twin = importlib.import_module("database")
    try:
        assert twin is not database
        assert twin.__file__ == database.__file__
        assert twin.EXECUTIONS == 1
        assert twin.engine is not database.engine
    finally:
        twin.engine.dispose()


def _rows_seen_during_anothers_transaction(engine: Engine) -> int:
    """Rows a reader sees that another request inserted and not committed.

    Events force the order: the writer inserts and waits, the reader
    counts from a second thread, then the writer rolls back.
    """
    inserted, counted = threading.Event(), threading.Event()
    counts: list[int] = []

    def count() -> int:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT count(*) FROM visits"))
            return int(rows.scalar_one())

    def writer() -> None:
        with engine.connect() as connection:
            connection.execute(
                text("INSERT INTO visits (path) VALUES (:path)"),
                {"path": "/uncommitted"},
            )
            inserted.set()
            assert counted.wait(timeout=10)
            connection.rollback()

    def reader() -> None:
        assert inserted.wait(timeout=10)
        counts.append(count())
        counted.set()

    before = count()
    threads = [
        threading.Thread(target=writer),
        threading.Thread(target=reader),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert count() == before
    return counts[0] - before


def test_concurrent_requests_do_not_share_a_transaction() -> None:
    assert _rows_seen_during_anothers_transaction(database.engine) == 0


def test_one_static_connection_leaks_uncommitted_rows_across_threads() -> None:
    # The unsafe variant: StaticPool shares one connection between threads.
    shared = create_engine(
        "sqlite://",
        poolclass=StaticPool,
        connect_args={"check_same_thread": False},
    )
    with shared.begin() as connection:
        connection.execute(text("CREATE TABLE visits (path TEXT NOT NULL)"))
    try:
        assert _rows_seen_during_anothers_transaction(shared) == 1
    finally:
        shared.dispose()


def test_visits_from_many_threads_are_all_counted() -> None:
    client = TestClient(database.app)
    first = client.post("/visits").json()["visits"]
    answers: list[int] = []

    def post(times: int) -> None:
        for _ in range(times):
            response = client.post("/visits")
            assert response.status_code == 200
            answers.append(response.json()["visits"])

    threads = [threading.Thread(target=post, args=(10,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == list(range(first + 1, first + 41))
