"""Tests for src/examples/typing_system/advanced_types/queries.py.

Listings: examples.typing_system.mypy_cases.self_lost and
examples.typing_system.mypy_cases.overload_get (checked by both type
checkers, never run).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import get_overloads

import pytest
from fastapi.testclient import TestClient

from examples.typing_system.advanced_types import queries
from examples.typing_system.checker import Diagnostic, run_mypy, run_pyright

QUERIES = "examples.typing_system.advanced_types.queries"


@pytest.fixture
def db() -> Iterator[sqlite3.Connection]:
    yield from queries.connect()


@pytest.fixture
def client() -> TestClient:
    return TestClient(queries.app)


def test_each_method_returns_the_same_builder() -> None:
    query = queries.UserSelect()
    assert query.limit(5) is query
    assert query.active() is query
    assert query.where("role", "staff") is query
    assert query.sql() == (
        "SELECT id, name, role FROM users WHERE status = ? AND role = ? "
        "ORDER BY id LIMIT ?",
        ["active", "staff", 5],
    )
    assert queries.Select().sql() == (
        "SELECT id, name, role FROM users WHERE 1 ORDER BY id LIMIT ?",
        [100],
    )


def test_the_endpoint_chains_the_subclass_methods(client: TestClient) -> None:
    names = [user["name"] for user in client.get("/users").json()]
    assert names == ["Ada", "Grace"]  # Linus is inactive
    response = client.get("/users", params={"role": "staff"})
    assert response.json() == [{"id": 2, "name": "Grace", "role": "staff"}]
    response = client.get("/users", params={"limit": 1})
    assert [user["id"] for user in response.json()] == [1]
    assert client.get("/users", params={"limit": 0}).status_code == 422


def test_values_are_bound_and_pasting_them_would_leak(
    client: TestClient, db: sqlite3.Connection
) -> None:
    attack = "x' OR '1'='1"
    assert client.get("/users", params={"role": attack}).json() == []
    # The unsafe variant, pasting the value into the text, returns everyone.
    pasted = f"SELECT name FROM users WHERE role = '{attack}'"
    assert len(db.execute(pasted).fetchall()) == 3


def test_a_column_outside_the_literal_is_refused_at_run_time() -> None:
    with pytest.raises(ValueError, match="unknown column 'name; --'"):
        queries.Select().where("name; --", "x")  # type: ignore[arg-type]


def test_get_user_raises_or_returns_none(db: sqlite3.Connection) -> None:
    assert queries.get_user(db, 1) == queries.User(1, "Ada", "admin")
    with pytest.raises(LookupError, match=r"^no user 9$"):
        queries.get_user(db, 9)
    assert queries.get_user(db, 9, missing_ok=True) is None
    assert queries.get_user(db, 3, missing_ok=True) == queries.User(
        3, "Linus", "staff"
    )
    assert len(get_overloads(queries.get_user)) == 2


def test_the_endpoint_turns_none_into_404(client: TestClient) -> None:
    assert client.get("/users/3").json()["name"] == "Linus"
    response = client.get("/users/9")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "user not found"},
    )


def test_mypy_keeps_the_subclass_through_self() -> None:
    assert run_mypy(
        "mypy_cases/self_lost.py", "advanced_types/queries.py"
    ) == [
        Diagnostic(
            "self_lost.py",
            18,
            "note",
            f'Revealed type is "{QUERIES}.UserSelect"',
        ),
        Diagnostic(
            "self_lost.py",
            19,
            "error",
            '"Select" has no attribute "active"',
            "attr-defined",
        ),
    ]


def test_pyright_keeps_the_subclass_through_self() -> None:
    assert [
        (d.line, d.code, d.message)
        for d in run_pyright("mypy_cases/self_lost.py")
    ] == [
        (18, None, 'Type of "UserSelect().limit(10)" is "UserSelect"'),
        (19, "reportUnknownVariableType", 'Type of "query" is unknown'),
        (19, "reportUnknownMemberType", 'Type of "active" is unknown'),
        (
            19,
            "reportAttributeAccessIssue",
            'Cannot access attribute "active" for class "Select"\n'
            '  Attribute "active" is unknown',
        ),
    ]


def test_mypy_picks_the_overload_of_each_call() -> None:
    assert [
        (d.line, d.severity, d.code, d.message)
        for d in run_mypy(
            "mypy_cases/overload_get.py", "advanced_types/queries.py"
        )
    ] == [
        (10, "note", None, f'Revealed type is "{QUERIES}.User"'),
        (11, "note", None, f'Revealed type is "{QUERIES}.User | None"'),
        (
            12,
            "error",
            "union-attr",
            'Item "None" of "User | None" has no attribute "name"',
        ),
        (
            13,
            "error",
            "call-overload",
            'No overload variant of "get_user" matches argument types '
            '"Connection", "int", "bool"',
        ),
        (13, "note", None, "Possible overload variants:"),
        (
            13,
            "note",
            None,
            "    def get_user(db: Connection, user_id: int) -> User",
        ),
        (
            13,
            "note",
            None,
            "    def get_user(db: Connection, user_id: int, *, "
            "missing_ok: Literal[True]) -> User | None",
        ),
        (
            14,
            "error",
            "call-overload",
            'No overload variant of "get_user" matches argument types '
            '"Connection", "int", "bool"',
        ),
        (14, "note", None, "Possible overload variants:"),
        (
            14,
            "note",
            None,
            "    def get_user(db: Connection, user_id: int) -> User",
        ),
        (
            14,
            "note",
            None,
            "    def get_user(db: Connection, user_id: int, *, "
            "missing_ok: Literal[True]) -> User | None",
        ),
    ]


def test_pyright_picks_the_overload_of_each_call() -> None:
    assert [
        (d.line, d.code, d.message)
        for d in run_pyright("mypy_cases/overload_get.py")
    ] == [
        (10, None, 'Type of "get_user(db, 1)" is "User"'),
        (
            11,
            None,
            'Type of "get_user(db, 1, missing_ok=True)" is "User | None"',
        ),
        (
            12,
            "reportOptionalMemberAccess",
            '"name" is not a known attribute of "None"',
        ),
        (
            13,
            "reportArgumentType",
            'Argument of type "bool" cannot be assigned to parameter '
            '"missing_ok" of type "Literal[True]" in function "get_user"\n'
            '  "bool" is not assignable to type "Literal[True]"',
        ),
        (
            14,
            "reportArgumentType",
            'Argument of type "Literal[False]" cannot be assigned to '
            'parameter "missing_ok" of type "Literal[True]" in function '
            '"get_user"\n'
            '  "Literal[False]" is not assignable to type "Literal[True]"',
        ),
    ]
