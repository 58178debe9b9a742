"""Self and @overload at an endpoint: a query builder and a repository."""

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Literal, Self, get_args, overload

from fastapi import Depends, FastAPI, HTTPException, Query

Column = Literal["role", "status"]

SCHEMA = """
CREATE TABLE users (
    id INTEGER PRIMARY KEY, name TEXT, role TEXT, status TEXT
);
INSERT INTO users (name, role, status) VALUES
    ('Ada', 'admin', 'active'),
    ('Grace', 'staff', 'active'),
    ('Linus', 'staff', 'inactive');
"""


@dataclass(frozen=True)
class User:
    """A user as the API shows it."""

    id: int
    name: str
    role: str


# [select]
class Select:
    """A SELECT on users, built by chaining; values are bound, not pasted."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[str | int] = []
        self.count = 100

    def where(self, column: Column, value: str) -> Self:
        if column not in get_args(Column):  # the Literal is not enforced
            raise ValueError(f"unknown column {column!r}")
        self.clauses.append(f"{column} = ?")
        self.params.append(value)
        return self

    def limit(self, count: int) -> Self:
        self.count = count
        return self

    def sql(self) -> tuple[str, list[str | int]]:
        where = " AND ".join(self.clauses) or "1"
        # Only column names from Column reach the text; values are bound.
        text = f"SELECT id, name, role FROM users WHERE {where}"  # noqa: S608
        return f"{text} ORDER BY id LIMIT ?", [*self.params, self.count]


class UserSelect(Select):
    def active(self) -> Self:
        return self.where("status", "active")


# [end select]


# [connect]
def connect() -> Iterator[sqlite3.Connection]:
    """A fresh in-memory database for each request, closed after it."""
    # FastAPI may run this and the endpoint in different worker threads;
    # the connection is used by one request, one thread at a time.
    db = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        db.executescript(SCHEMA)
        yield db
    finally:
        db.close()


Db = Annotated[sqlite3.Connection, Depends(connect)]
# [end connect]
app = FastAPI(title="Queries")


# [list_users]
@app.get("/users")
def list_users(
    db: Db,
    role: str | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> list[User]:
    query = UserSelect().limit(limit).active()
    if role is not None:
        query = query.where("role", role)
    text, params = query.sql()
    return [User(*row) for row in db.execute(text, params)]


# [end list_users]


# [get_user]
@overload
def get_user(db: sqlite3.Connection, user_id: int) -> User: ...
@overload
def get_user(
    db: sqlite3.Connection, user_id: int, *, missing_ok: Literal[True]
) -> User | None: ...
def get_user(
    db: sqlite3.Connection, user_id: int, *, missing_ok: bool = False
) -> User | None:
    """The user ``user_id``; if there is none, raise or return ``None``."""
    row = db.execute(
        "SELECT id, name, role FROM users WHERE id = ?", (user_id,)
    ).fetchone()
    if row is None and not missing_ok:
        raise LookupError(f"no user {user_id}")
    return None if row is None else User(*row)


@app.get("/users/{user_id}")
def read_user(db: Db, user_id: int) -> User:
    user = get_user(db, user_id, missing_ok=True)
    if user is None:
        raise HTTPException(status_code=404, detail="user not found")
    return user


# [end get_user]
