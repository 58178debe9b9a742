"""Tests for src/examples/typing_system/advanced_types/pages.py."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from examples.typing_system.advanced_types.pages import (
    Page,
    UserOut,
    UserRecord,
    app,
    list_users,
)


@pytest.fixture
def client() -> TestClient:
    return TestClient(app)


def test_the_response_model_filters_server_fields(client: TestClient) -> None:
    body = client.get("/users", params={"page": 2, "size": 2}).json()
    assert body == {
        "items": [{"id": 3, "name": "Linus"}],
        "total": 3,
        "page": 2,
        "size": 2,
    }


def test_the_function_itself_returns_the_stored_records() -> None:
    page = list_users(page=1, size=1)
    assert isinstance(page.items[0], UserRecord)
    assert page.items[0].internal_note == "founder"


@pytest.mark.parametrize("query", ["page=0", "size=51", "size=x"])
def test_page_parameters_are_validated(client: TestClient, query: str) -> None:
    assert client.get(f"/users?{query}").status_code == 422


def test_the_parameterized_model_has_its_own_schema() -> None:
    schemas = app.openapi()["components"]["schemas"]
    assert schemas["Page_UserOut_"]["title"] == "Page[UserOut]"
    assert "UserRecord" not in schemas
    assert Page[UserOut] is Page[UserOut]


def test_a_parameterized_page_validates_its_items() -> None:
    data = {"items": ["1"], "total": 1, "page": 1, "size": 1}
    assert Page[int].model_validate(data).items == [1]
    with pytest.raises(ValidationError):
        Page[int].model_validate({**data, "items": ["one"]})
