"""Tests for src/examples/typing_system/structural_typing/tags_api.py."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from examples.typing_system.structural_typing.tags_api import (
    TagModel,
    app,
    create_model_tag,
    create_strict_tag,
    create_tag,
)

BODY = {"name": "urgent", "color": "red", "owner": "mallory"}


@pytest.fixture
def client() -> TestClient:
    return TestClient(app)


def test_an_open_typed_dict_drops_unknown_keys(client: TestClient) -> None:
    response = client.post("/tags", json=BODY)
    assert response.json() == {"name": "urgent", "color": "red"}


@pytest.mark.parametrize("path", ["/strict-tags", "/model-tags"])
def test_closed_and_forbidding_bodies_refuse_unknown_keys(
    client: TestClient, path: str
) -> None:
    response = client.post(path, json=BODY)
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "extra_forbidden"


@pytest.mark.parametrize("path", ["/tags", "/strict-tags"])
def test_typed_dicts_have_no_defaults(client: TestClient, path: str) -> None:
    response = client.post(path, json={"name": "later"})
    assert response.json()["detail"][0]["loc"] == ["body", "color"]


def test_only_the_model_has_a_default(client: TestClient) -> None:
    response = client.post("/model-tags", json={"name": "later"})
    assert response.json() == {"name": "later", "color": "grey"}


def test_the_functions_echo_their_argument() -> None:
    assert create_tag({"name": "a", "color": "b"}) == {
        "name": "a",
        "color": "b",
    }
    assert create_strict_tag({"name": "a", "color": "b"})["name"] == "a"
    assert create_model_tag(TagModel(name="a")).color == "grey"


def test_the_schemas_say_which_bodies_are_closed() -> None:
    schemas = app.openapi()["components"]["schemas"]
    assert "additionalProperties" not in schemas["TagIn"]
    assert schemas["StrictTagIn"]["additionalProperties"] is False
    assert schemas["TagModel"]["required"] == ["name"]
