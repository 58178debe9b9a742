"""Tests for src/examples/typing_system/advanced_types/ids.py.

Listing: examples.typing_system.mypy_cases.id_mixup (checked by both type
checkers, never run).
"""

from __future__ import annotations

import sys
from typing import cast

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from examples.typing_system.advanced_types import ids
from examples.typing_system.checker import run_mypy, run_pyright


def test_a_new_type_is_its_argument_at_run_time() -> None:
    assert ids.UserId(5) == 5
    assert type(ids.UserId(5)) is int
    assert ids.UserId.__supertype__ is int  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match="isinstance"):
        isinstance(5, ids.UserId)  # type: ignore[misc]


def test_fastapi_reads_a_new_type_as_its_supertype() -> None:
    client = TestClient(ids.app)
    assert client.get("/orders/7").json() == {"id": 7, "owner": 1}
    assert client.get("/orders/8").status_code == 404
    response = client.get("/orders/x")
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "int_parsing"
    [parameter] = ids.app.openapi()["paths"]["/orders/{order_id}"]["get"][
        "parameters"
    ]
    assert parameter["schema"] == {"type": "integer", "title": "Order Id"}


@pytest.mark.skipif(sys.version_info < (3, 12), reason="type needs 3.12")
def test_a_type_alias_is_neither_callable_nor_a_class() -> None:
    namespace: dict[str, object] = {}
    exec("type OrderKey = int", namespace)
    alias = namespace["OrderKey"]
    with pytest.raises(TypeError, match="not callable"):
        alias(7)  # type: ignore[operator]
    with pytest.raises(TypeError, match="isinstance"):
        isinstance(7, alias)  # type: ignore[arg-type]
    app = FastAPI()

    def read(key: int) -> int:
        return key

    read.__annotations__["key"] = alias
    app.get("/keys/{key}")(read)
    client = TestClient(app)
    assert client.get("/keys/7").json() == 7
    assert client.get("/keys/x").status_code == 422


def test_a_class_variable_is_no_field_and_no_input() -> None:
    assert sorted(ids.Order.model_fields) == ["id", "owner"]
    order = ids.Order.model_validate({"id": 7, "owner": 1, "table": "users"})
    assert order.table == "orders"
    with pytest.raises(AttributeError, match="is a ClassVar of `Order`"):
        order.table = "users"  # type: ignore[misc]
    properties = ids.Order.model_json_schema()["properties"]
    assert sorted(properties) == ["id", "owner"]


def test_the_final_limit_bounds_the_page() -> None:
    client = TestClient(ids.app)
    assert len(client.get("/orders", params={"limit": 100}).json()) == 1
    assert client.get("/orders", params={"limit": 101}).status_code == 422


def test_cast_checks_nothing() -> None:
    order_id: object = cast("ids.OrderId", "7")
    assert order_id == "7"  # a str, whatever the checker was told


def test_both_checkers_refuse_the_mixups() -> None:
    case = "mypy_cases/id_mixup.py"
    assert [(d.line, d.code, d.message) for d in run_mypy(case)] == [
        (
            8,
            "arg-type",
            'Argument 1 to "find_order" has incompatible type "UserId"; '
            'expected "OrderId"',
        ),
        (
            9,
            "arg-type",
            'Argument 1 to "find_order" has incompatible type "int"; '
            'expected "OrderId"',
        ),
        (10, "misc", 'Cannot assign to class variable "table" via instance'),
        (13, "misc", 'Cannot assign to final name "MAX_PAGE"'),
    ]
    # pyright (strict) says nothing about line 13.
    assert [(d.line, d.code) for d in run_pyright(case)] == [
        (8, "reportArgumentType"),
        (9, "reportArgumentType"),
        (10, "reportAttributeAccessIssue"),
    ]


def test_both_checkers_on_module_attributes_and_from_imports() -> None:
    case = "mypy_cases/final_paths.py"
    assert [(d.line, d.code) for d in run_mypy(case)] == [
        (6, "misc"),
        (6, "assignment"),
        (7, "misc"),
    ]
    assert [(d.line, d.code) for d in run_pyright(case)] == [
        (4, "reportUnusedImport"),
        (7, "reportConstantRedefinition"),
        (7, "reportGeneralTypeIssues"),
    ]
