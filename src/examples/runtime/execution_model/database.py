"""Module-level setup runs once: one engine for every request.

``EXECUTIONS`` counts how many times this module's code has run in this
process. :func:`importlib.reload` runs the code again in the same module
namespace, where the previous count is still there to add to.

>>> from fastapi.testclient import TestClient
>>> client = TestClient(app)
>>> first = client.post("/visits").json()["visits"]
>>> client.post("/visits").json()["visits"] - first
1
"""

import atexit
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI
from sqlalchemy import Connection, Engine, create_engine, text

# [executions]
# The previous count, if this module's code has run before in this
# namespace (a reload), plus this run.
EXECUTIONS: int = globals().get("EXECUTIONS", 0) + 1
# [end executions]

# A real application reads its database URL from its settings. This one
# keeps its SQLite file in a folder that is removed when the process ends.
_folder = Path(tempfile.mkdtemp(prefix="visits-"))
atexit.register(shutil.rmtree, _folder, ignore_errors=True)
DATABASE_URL = f"sqlite:///{_folder / 'visits.sqlite3'}"


def make_engine(url: str = DATABASE_URL) -> Engine:
    """An engine for a SQLite database that holds a ``visits`` table.

    For a file, SQLAlchemy's default pool hands each request a connection
    of its own, so requests running in different threads at the same time
    never share a transaction.
    """
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text("CREATE TABLE IF NOT EXISTS visits (path TEXT NOT NULL)")
        )
    return engine


engine = make_engine()  # runs once, when the module's code runs

app = FastAPI(title="Visits")


def get_connection() -> Iterator[Connection]:
    """A connection from the module's one engine, for one request."""
    with engine.begin() as connection:
        yield connection


def record_visit(connection: Connection, path: str) -> int:
    """Store one visit and count all the visits stored so far."""
    connection.execute(
        text("INSERT INTO visits (path) VALUES (:path)"), {"path": path}
    )
    count = connection.execute(text("SELECT count(*) FROM visits"))
    return int(count.scalar_one())


@app.post("/visits")
def visit(
    connection: Annotated[Connection, Depends(get_connection)],
) -> dict[str, int]:
    """Uses the engine that the module created at import."""
    return {"visits": record_visit(connection, "/visits")}


@app.post("/visits/new-engine")
def visit_with_new_engine() -> dict[str, int]:
    """Wrong: builds an engine, here a whole new database, per request."""
    per_request = make_engine("sqlite://")  # a new in-memory database
    try:
        with per_request.begin() as connection:
            count = record_visit(connection, "/visits/new-engine")
    finally:
        per_request.dispose()
    return {"visits": count}
