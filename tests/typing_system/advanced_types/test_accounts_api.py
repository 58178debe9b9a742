"""Tests for src/examples/typing_system/advanced_types/accounts_api.py."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from examples.typing_system.advanced_types.accounts_api import app


@pytest.fixture
def client() -> TestClient:
    return TestClient(app)


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("", ["ada", "grace", "linus"]),
        ("?status=active", ["ada"]),
        ("?status=inactive", ["linus"]),
    ],
)
def test_the_status_filter_is_optional(
    client: TestClient, query: str, names: list[str]
) -> None:
    response = client.get(f"/accounts{query}")
    assert [a["name"] for a in response.json()] == names


def test_a_status_outside_the_literal_is_refused(client: TestClient) -> None:
    response = client.get("/accounts?status=deleted")
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "literal_error"


def test_an_optional_parameter_without_default_is_required(
    client: TestClient,
) -> None:
    assert client.get("/accounts/search").status_code == 422
    found = client.get("/accounts/search?name=a").json()
    assert [a["name"] for a in found] == ["ada", "grace"]


def test_the_schema_documents_the_literal_and_the_null() -> None:
    spec = app.openapi()
    [status] = spec["paths"]["/accounts"]["get"]["parameters"]
    assert status["required"] is False
    assert status["schema"]["anyOf"] == [
        {"enum": ["active", "inactive", "pending"], "type": "string"},
        {"type": "null"},
    ]
