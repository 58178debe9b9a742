"""Tests for src/examples/foreword/orders.py (book/foreword.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import examples.foreword
from examples.foreword.orders import Order, app, read_order
from tests.mypy_check import mypy
from tests.pyright_check import pyright

CASES = Path(examples.foreword.__file__).parent / "mypy_cases"


@pytest.fixture
def client() -> TestClient:
    return TestClient(app)


def test_path_and_query_parameters_are_converted(client: TestClient) -> None:
    response = client.get("/orders/41", params={"express": "true"})
    assert response.status_code == 200
    assert response.json() == {"order_id": 41, "express": True}


def test_query_parameter_has_its_default(client: TestClient) -> None:
    assert client.get("/orders/1").json() == {"order_id": 1, "express": False}


@pytest.mark.parametrize(
    ("url", "loc", "kind"),
    [
        ("/orders/seven", ["path", "order_id"], "int_parsing"),
        ("/orders/7?express=maybe", ["query", "express"], "bool_parsing"),
    ],
)
def test_invalid_input_is_rejected_before_the_function(
    client: TestClient, url: str, loc: list[str], kind: str
) -> None:
    response = client.get(url)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["loc"], error["type"]) == (loc, kind)


def test_python_itself_does_not_enforce_annotations() -> None:
    # Called directly, the function never sees FastAPI's validation: the
    # string passes through the body, and pydantic's model is what refuses it.
    with pytest.raises(ValueError, match="order_id"):
        read_order("seven", express=False)  # type: ignore[arg-type]


def test_mypy_rejects_calling_the_endpoint_with_text() -> None:
    assert mypy(CASES / "call_with_text.py") == [
        '5: error: Argument 1 to "read_order" has incompatible type "str"; '
        'expected "int"  [arg-type]'
    ]


def test_pyright_rejects_calling_the_endpoint_with_text() -> None:
    assert pyright(CASES / "call_with_text.py") == [
        "5: error [reportArgumentType]"
    ]


def test_openapi_schema_comes_from_the_annotations() -> None:
    spec = app.openapi()
    operation = spec["paths"]["/orders/{order_id}"]["get"]
    types = {p["name"]: p["schema"]["type"] for p in operation["parameters"]}
    assert types == {"order_id": "integer", "express": "boolean"}
    assert spec["components"]["schemas"]["Order"]["required"] == [
        "order_id",
        "express",
    ]
    assert Order.model_json_schema()["title"] == "Order"
