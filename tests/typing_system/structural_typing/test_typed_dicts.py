"""Tests for src/examples/typing_system/structural_typing/typed_dicts.py."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

import pytest

from examples.typing_system.structural_typing.typed_dicts import (
    NewUser,
    Point,
    ServerInfo,
    Settings,
    UserPatch,
    UserRow,
    apply_patch,
    fetch_users,
    find_user,
)


@pytest.fixture
def connection() -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email TEXT)"
    )
    connection.executemany(
        "INSERT INTO users (name, email) VALUES (?, ?)",
        [("Ada", "ada@example.com"), ("Grace", "grace@example.com")],
    )
    yield connection
    connection.close()


def test_rows_become_plain_dicts(connection: sqlite3.Connection) -> None:
    users = fetch_users(connection)
    assert users == [
        {"id": 1, "name": "Ada", "email": "ada@example.com"},
        {"id": 2, "name": "Grace", "email": "grace@example.com"},
    ]
    assert all(type(user) is dict for user in users)


def test_find_user_binds_the_email(connection: sqlite3.Connection) -> None:
    assert find_user(connection, "ada@example.com") == UserRow(
        id=1, name="Ada", email="ada@example.com"
    )
    assert find_user(connection, "x' OR '1'='1") is None


def test_apply_patch_changes_only_the_given_keys() -> None:
    user = UserRow(id=1, name="Ada", email="ada@example.com")
    assert apply_patch(user, {}) == user
    assert apply_patch(user, {"name": "Ada L."})["name"] == "Ada L."
    patched = apply_patch(user, UserPatch(email="ada@lovelace.org"))
    assert patched == {"id": 1, "name": "Ada", "email": "ada@lovelace.org"}
    assert user["email"] == "ada@example.com"


@pytest.mark.parametrize(
    ("kind", "required", "optional"),
    [
        (UserRow, {"id", "name", "email"}, set()),
        (UserPatch, set(), {"name", "email"}),
        (NewUser, {"name"}, {"email"}),
        (Settings, {"database_url"}, {"debug"}),
    ],
)
def test_required_and_optional_keys(
    kind: type, required: set[str], optional: set[str]
) -> None:
    assert kind.__required_keys__ == required  # type: ignore[attr-defined]
    assert kind.__optional_keys__ == optional  # type: ignore[attr-defined]


def test_read_only_and_closed_are_recorded_by_typing_extensions() -> None:
    readonly = ServerInfo.__readonly_keys__  # type: ignore[attr-defined]
    closed = Point.__closed__  # type: ignore[attr-defined]
    assert (readonly, closed) == ({"version"}, True)
    info = ServerInfo(version="1.0", connections=0)
    assert dict(info) == {"version": "1.0", "connections": 0}


def test_a_model_validates_when_built_but_not_when_constructed() -> None:
    from pydantic import BaseModel, ConfigDict, ValidationError

    class Loose(BaseModel):
        n: int

    class Checked(BaseModel):
        model_config = ConfigDict(validate_assignment=True)
        n: int

    text: object = "x"
    assert Loose.model_construct(n=text).n is text  # no validation
    assert Loose(n=1).model_copy(update={"n": text}).n is text  # nor here
    with pytest.raises(ValidationError):
        Loose(n=text)
    loose = Loose(n=1)
    loose.n = text
    assert loose.n is text
    checked = Checked(n=1)
    with pytest.raises(ValidationError):
        checked.n = text
