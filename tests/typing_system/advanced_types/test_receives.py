"""Tests for src/examples/typing_system/advanced_types/receives.py.

Each rule is tested beside the variant that behaves differently: smart
against left-to-right unions, strict against lax fields, a string Literal
against an integer one. Listings: examples.typing_system.mypy_cases.implicit_optional and
model_init.py (checked by both type checkers, never run).
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from examples.typing_system.advanced_types.receives import app
from examples.typing_system.checker import run_mypy, run_pyright

client = TestClient(app)
TAKEN = "2024-05-01T12:00:00Z"


@pytest.mark.parametrize(
    ("url", "kind", "value"),
    [
        ("/smart?v=1", "str", "'1'"),  # the exact match wins
        ("/smart?v=x", "str", "'x'"),
        ("/floats?v=1", "float", "1.0"),  # no exact match: leftmost wins
        ("/ordered?v=1", "int", "1"),  # left to right: int first
        ("/ordered?v=x", "str", "'x'"),
        ("/ordered?v=01", "int", "1"),  # lax int: zeros, sign, spaces
        ("/ordered?v=%2B1", "int", "1"),
        ("/ordered?v=%201", "int", "1"),
    ],
)
def test_a_union_chooses_its_member(url: str, kind: str, value: str) -> None:
    assert client.get(url).json() == {"type": kind, "value": value}


def test_json_keeps_the_type_that_text_loses() -> None:
    union = TypeAdapter(int | str)
    assert union.validate_json("1") == 1
    assert union.validate_json('"1"') == "1"
    assert union.validate_python("1") == "1"


def test_a_strict_query_parameter_refuses_every_request() -> None:
    response = client.get("/strict", params={"n": 1})
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "int_type"


def test_a_strict_model_refuses_an_iso_datetime_in_a_json_body() -> None:
    body = {"sensor": 7, "taken_at": TAKEN}
    response = client.post("/readings", json=body)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["type"], error["loc"]) == (
        "datetime_type",
        ["body", "taken_at"],
    )
    # The lax model converts the text; only its strict field refuses text.
    assert client.post("/lax-readings", json=body).json()["type"] == (
        "datetime"
    )
    response = client.post(
        "/lax-readings", json={"sensor": "7", "taken_at": TAKEN}
    )
    assert [e["loc"] for e in response.json()["detail"]] == [
        ["body", "sensor"]
    ]


def test_strict_json_mode_accepts_what_fastapi_refuses() -> None:
    from examples.typing_system.advanced_types.receives import Reading

    reading = Reading.model_validate_json(
        f'{{"sensor": 7, "taken_at": "{TAKEN}"}}'
    )
    assert reading.taken_at.year == 2024


def test_string_choices_are_accepted_and_integer_literals_never() -> None:
    assert client.get("/paint?finish=gloss&color=red").json() == "red gloss"
    assert client.get("/paint?finish=shiny&color=red").status_code == 422
    response = client.get("/pages?size=10")
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "literal_error"
    from examples.typing_system.advanced_types.receives import pages

    assert pages(10) == 10
    # The fix: an IntEnum converts the text to its member.
    assert client.get("/sizes?size=10").json() == {
        "type": "Size",
        "value": "<Size.SMALL: 10>",
    }
    response = client.get("/sizes?size=20")
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "enum"


def test_model_wide_strict_refuses_enums_decimals_uuids_and_tuples() -> None:
    from decimal import Decimal
    from uuid import UUID

    from pydantic import ConfigDict, ValidationError

    from examples.typing_system.advanced_types.receives import Finish

    strict = ConfigDict(strict=True)
    uuid = "12345678-1234-5678-1234-567812345678"
    cases: list[tuple[Any, object, str]] = [
        (Finish, "matt", "is_instance_of"),
        (Decimal, "1.5", "is_instance_of"),
        (UUID, uuid, "is_instance_of"),
        (tuple[int, int], [1, 2], "tuple_type"),
    ]
    for kind, value, error in cases:
        adapter: TypeAdapter[Any] = TypeAdapter(kind, config=strict)
        with pytest.raises(ValidationError) as caught:
            adapter.validate_python(value)
        assert caught.value.errors()[0]["type"] == error
        # Lax mode, the default, accepts the same decoded JSON value.
        TypeAdapter(kind).validate_python(value)
    # JSON mode keeps the lossless conversions from text.
    assert TypeAdapter(Finish, config=strict).validate_json('"matt"') is (
        Finish.MATT
    )
    assert TypeAdapter(UUID, config=strict).validate_json(f'"{uuid}"') == (
        UUID(uuid)
    )


def test_strict_mode_still_turns_an_int_into_a_float() -> None:
    from typing import Annotated

    from pydantic import Strict, ValidationError

    assert TypeAdapter(Annotated[float, Strict()]).validate_python(1) == 1.0
    with pytest.raises(ValidationError):
        TypeAdapter(Annotated[int, Strict()]).validate_python("1")


def test_an_enum_is_a_component_and_a_literal_is_inlined() -> None:
    spec = app.openapi()
    finish, color = spec["paths"]["/paint"]["get"]["parameters"]
    assert finish["schema"] == {"$ref": "#/components/schemas/Finish"}
    assert color["schema"]["enum"] == ["red", "blue"]
    assert "Finish" in spec["components"]["schemas"]


def test_both_checkers_reject_the_implicit_optional() -> None:
    case = "mypy_cases/implicit_optional.py"
    assert [(d.line, d.code) for d in run_mypy(case)] == [
        (9, "assignment"),
        (9, None),
        (9, None),
    ]
    assert [(d.line, d.code) for d in run_pyright(case)] == [
        (9, "reportArgumentType")
    ]


def test_both_checkers_read_a_model_init_from_its_field_types() -> None:
    case = "mypy_cases/model_init.py"
    assert [(d.line, d.code) for d in run_mypy(case)] == [(9, "arg-type")]
    assert [(d.line, d.code) for d in run_pyright(case)] == [
        (9, "reportArgumentType")
    ]


def test_the_strict_endpoints_work_when_called_with_the_exact_types() -> None:
    # No request can reach these bodies; Python code can.
    import datetime as dt

    from examples.typing_system.advanced_types.receives import (
        Reading,
        add_reading,
        strict_query,
    )

    assert strict_query(3) == 3
    taken = dt.datetime(2024, 5, 1, 12, tzinfo=dt.UTC)
    assert add_reading(Reading(sensor=7, taken_at=taken))["type"] == (
        "datetime"
    )


def test_a_type_adapter_takes_a_model_too() -> None:
    from examples.typing_system.advanced_types.receives import LaxReading

    adapter = TypeAdapter(LaxReading)
    reading = adapter.validate_python({"sensor": 7, "taken_at": TAKEN})
    assert isinstance(reading, LaxReading)
    assert adapter.json_schema() == LaxReading.model_json_schema()
