"""Tests for the modules of the section "When annotations are evaluated".

src/examples/typing_system/structural_typing/deferred.py,
factory_future.py and factory_plain.py.
"""

from __future__ import annotations

from typing import get_type_hints

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import PydanticUserError

from examples.typing_system.structural_typing import (
    deferred,
    factory_future,
    factory_plain,
)
from examples.typing_system.structural_typing.deferred import Category


def test_the_future_import_stores_strings() -> None:
    assert Category.__annotations__ == {
        "name": "str",
        "children": "list[Category]",
    }
    assert get_type_hints(Category)["children"] == list[Category]
    assert deferred.Category is Category


def test_a_category_tree() -> None:
    tree = Category("root", [Category("leaf")])
    assert [child.name for child in tree.children] == ["leaf"]
    assert tree.children[0].children == []


def test_a_local_model_is_lost_behind_a_string_annotation() -> None:
    app = factory_future.create_app()
    response = TestClient(app).post("/items", json={"name": "pen"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "item"]
    # Unresolved annotations break the OpenAPI description.
    with pytest.raises(PydanticUserError, match="not fully defined"):
        app.openapi()
    [route] = [r for r in app.routes if isinstance(r, APIRoute)]
    # The function itself is fine: only FastAPI's reading of it failed.
    assert route.endpoint("anything") == "anything"


def test_the_docs_page_loads_while_the_openapi_json_fails() -> None:
    # /docs is static HTML; only the browser's fetch of /openapi.json
    # builds the description, so a test of /docs alone catches nothing.
    client = TestClient(
        factory_future.create_app(), raise_server_exceptions=False
    )
    assert client.get("/docs").status_code == 200
    assert client.get("/openapi.json").status_code == 500
    # Sending the parameter in the query string fails too, with a 500.
    assert client.post("/items?item=x", json={"name": "pen"}).status_code == (
        500
    )


def test_a_local_model_is_found_when_annotations_are_evaluated() -> None:
    app = factory_plain.create_app()
    response = TestClient(app).post("/items", json={"name": "pen"})
    assert response.json() == {"name": "pen"}
    assert "requestBody" in app.openapi()["paths"]["/items"]["post"]


def _local_model_app(*, in_parameter: bool) -> TestClient:
    """An app whose local model appears in one annotation only.

    This module's annotations are strings too, so the model is lost.
    """
    from fastapi import FastAPI
    from pydantic import BaseModel

    class Item(BaseModel):
        name: str

    app = FastAPI()
    if in_parameter:

        @app.post("/items")
        def create_item(item: Item) -> dict[str, str]:
            return {"name": item.name}

    else:

        @app.post("/items")
        def create_item_named(name: str) -> Item:
            return Item(name=name)

    return TestClient(app, raise_server_exceptions=False)


def test_the_unresolved_parameter_alone_breaks_the_openapi_description() -> (
    None
):
    client = _local_model_app(in_parameter=True)
    assert client.post("/items", json={"name": "pen"}).status_code == 422
    with pytest.raises(PydanticUserError, match="not fully defined"):
        client.app.openapi()  # type: ignore[attr-defined]


def test_an_unresolved_return_annotation_fails_every_request() -> None:
    client = _local_model_app(in_parameter=False)
    assert client.post("/items", params={"name": "pen"}).status_code == 500
    with pytest.raises(PydanticUserError, match="not fully defined"):
        client.app.openapi()  # type: ignore[attr-defined]


def test_the_two_factories_differ_only_in_the_future_import() -> None:
    assert factory_future.create_app().title == "Items (deferred annotations)"
    assert factory_plain.create_app().title == "Items"
