"""Typed dictionaries: ``TypedDict`` for rows, patches and settings."""

import sqlite3
from typing import NotRequired, Required, TypedDict

from typing_extensions import ReadOnly
from typing_extensions import TypedDict as ExtTypedDict


class UserRow(TypedDict):
    """A row of the ``users`` table, as a dictionary."""

    id: int
    name: str
    email: str


class UserPatch(TypedDict, total=False):
    """A partial update: every key may be left out."""

    name: str
    email: str


class NewUser(TypedDict):
    """``email`` may be left out; every other key is required."""

    name: str
    email: NotRequired[str]


class Settings(TypedDict, total=False):
    """``database_url`` must be there; the rest may be left out."""

    database_url: Required[str]
    debug: bool


class ServerInfo(ExtTypedDict):
    """``version`` may be read but not changed (``ReadOnly``)."""

    version: ReadOnly[str]
    connections: int


class Point(ExtTypedDict, closed=True):
    """A closed TypedDict: no keys beyond ``x`` and ``y``."""

    x: int
    y: int


def fetch_users(connection: sqlite3.Connection) -> list[UserRow]:
    """Every user, as typed rows (the query has no parameters)."""
    cursor = connection.execute(
        "SELECT id, name, email FROM users ORDER BY id"
    )
    return [UserRow(id=i, name=n, email=e) for i, n, e in cursor.fetchall()]


def find_user(connection: sqlite3.Connection, email: str) -> UserRow | None:
    """The user with this email, by a bound parameter, or ``None``."""
    cursor = connection.execute(
        "SELECT id, name, email FROM users WHERE email = ?", (email,)
    )
    row = cursor.fetchone()
    if row is None:
        return None
    return UserRow(id=row[0], name=row[1], email=row[2])


def apply_patch(user: UserRow, patch: UserPatch) -> UserRow:
    """A copy of ``user`` with the keys of ``patch`` replaced."""
    updated = user.copy()
    if "name" in patch:
        updated["name"] = patch["name"]
    if "email" in patch:
        updated["email"] = patch["email"]
    return updated
