"""The per-request connection of queries.py under overlapping requests.

FastAPI enters a ``def`` dependency with one call to the thread pool and
runs a ``def`` endpoint with another, so the two may land on different
worker threads. The test forces that: request A opens its connection on
the pool's only thread, then waits in an async step (on the event loop,
holding no thread) until request B occupies that thread; A's endpoint
must then run on another thread. The old connection, with sqlite3's
default ``check_same_thread=True``, is refused there; ``queries.connect``
is not.

No ``from __future__ import annotations``: FastAPI must evaluate the
annotations, which name functions local to ``run_overlapping``.
"""

import gc
import sqlite3
import threading
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated

import anyio
import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient

from examples.typing_system.advanced_types import queries

Connect = Callable[[], Iterator[sqlite3.Connection]]


def old_connect() -> Iterator[sqlite3.Connection]:
    """The listing's first version: sqlite3's default check_same_thread."""
    db = sqlite3.connect(":memory:")
    try:
        db.executescript(queries.SCHEMA)
        yield db
    finally:
        db.close()


def run_overlapping(connect: Connect) -> None:
    """GET /users as in queries.py, with B's /busy forced between its steps."""
    at_gate, go_on = threading.Event(), threading.Event()
    in_busy, release_busy = threading.Event(), threading.Event()
    thread: dict[str, int] = {}
    app = FastAPI()

    def opened() -> Iterator[sqlite3.Connection]:
        thread["connect"] = threading.get_ident()
        yield from connect()

    async def gate(
        db: Annotated[sqlite3.Connection, Depends(opened)],
    ) -> sqlite3.Connection:
        at_gate.set()  # the connection exists; no thread is held here
        while not go_on.is_set():
            await anyio.sleep(0.005)
        return db

    @app.get("/users")
    def users(
        db: Annotated[sqlite3.Connection, Depends(gate)],
    ) -> list[queries.User]:
        thread["endpoint"] = threading.get_ident()
        return queries.list_users(db, None, 10)

    @app.get("/busy")
    def busy() -> None:
        thread["busy"] = threading.get_ident()
        in_busy.set()  # this request now holds a pool thread
        release_busy.wait(10)

    with TestClient(app) as client, ThreadPoolExecutor(2) as pool:
        first = pool.submit(client.get, "/users")
        assert at_gate.wait(10)
        second = pool.submit(client.get, "/busy")
        assert in_busy.wait(10)
        go_on.set()
        try:
            response = first.result(10)
            assert [u["name"] for u in response.json()] == [
                "Ada",
                "Grace",
            ]
        finally:
            release_busy.set()
            assert second.result(10).status_code == 200
            # B took the thread A connected on, so A's endpoint ran on another.
            assert thread["busy"] == thread["connect"] != thread["endpoint"]


def test_the_old_connection_fails_when_requests_overlap() -> None:
    with pytest.raises(
        sqlite3.ProgrammingError,
        match="can only be used in that same thread",
    ) as failure:
        run_overlapping(old_connect)
    # Its close() was refused on the other thread too; collect it here, so
    # that 3.13+'s "unclosed database" ResourceWarning cannot surface in a
    # later test.
    del failure
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def test_the_listing_connection_survives_overlapping_requests() -> None:
    run_overlapping(queries.connect)
