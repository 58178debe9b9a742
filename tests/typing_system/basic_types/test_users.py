"""Tests for src/examples/typing_system/basic_types/users.py."""

from __future__ import annotations

import pytest
from fastapi import FastAPI, HTTPException
from fastapi.testclient import TestClient

from examples.typing_system.basic_types.users import (
    UserOut,
    app,
    list_users,
    read_user,
)


@pytest.fixture
def client() -> TestClient:
    return TestClient(app)


def test_the_path_parameter_is_converted_to_int(client: TestClient) -> None:
    assert client.get("/users/2").json() == {
        "id": 2,
        "name": "Grace",
        "tags": ["staff"],
    }


@pytest.mark.parametrize(
    "raw", ["01", "+1", " 1", "0_1", "1.0", "1.00", " 1 "]
)
def test_lax_spellings_of_one_reach_user_1(
    client: TestClient, raw: str
) -> None:
    assert client.get(f"/users/{raw}").json()["id"] == 1


@pytest.mark.parametrize("raw", ["abc", "1.5", "1.", "one", "1e3"])
def test_text_that_is_not_an_integer_is_refused(
    client: TestClient, raw: str
) -> None:
    response = client.get(f"/users/{raw}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "user_id"]


def test_an_unknown_user_reaches_the_function(client: TestClient) -> None:
    response = client.get("/users/3")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "user not found"},
    )


def test_a_direct_call_gets_no_conversion() -> None:
    assert read_user(1).name == "Ada"
    with pytest.raises(HTTPException) as caught:
        read_user("1")  # type: ignore[arg-type]
    assert caught.value.status_code == 404


def test_tags_come_from_the_repeated_query_parameter(
    client: TestClient,
) -> None:
    names = [u["name"] for u in client.get("/users").json()]
    assert names == ["Ada", "Grace"]
    response = client.get("/users", params={"tag": ["admin"], "limit": 1})
    assert [u["name"] for u in response.json()] == ["Ada"]
    assert client.get("/users?limit=101").status_code == 422


def test_a_direct_call_uses_the_real_default() -> None:
    assert [u.id for u in list_users(tag=["staff"])] == [1, 2]
    assert list_users(tag=[], limit=1) == [
        UserOut(id=1, name="Ada", tags=["admin", "staff"])
    ]


def test_a_bare_list_parameter_is_read_from_the_body(
    client: TestClient,
) -> None:
    assert client.get("/tag-counts?tag=staff").status_code == 422
    response = client.request("GET", "/tag-counts", json=["staff", "admin"])
    assert response.json() == {"staff": 2, "admin": 1}


def test_the_schema_comes_from_the_annotations() -> None:
    spec = app.openapi()
    [parameter] = spec["paths"]["/users/{user_id}"]["get"]["parameters"]
    assert parameter["schema"] == {"type": "integer", "title": "User Id"}
    limit = spec["paths"]["/users"]["get"]["parameters"][1]["schema"]
    assert (limit["minimum"], limit["maximum"]) == (1, 100)


def test_path_bounds_the_segment_and_documents_it(client: TestClient) -> None:
    assert client.get("/users/1/tags").json() == ["admin", "staff"]
    response = client.get("/users/0/tags")
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["type"], error["loc"], error["input"]) == (
        "greater_than_equal",
        ["path", "user_id"],
        "0",
    )
    assert client.get("/users/9/tags").status_code == 404
    [parameter] = app.openapi()["paths"]["/users/{user_id}/tags"]["get"][
        "parameters"
    ]
    assert parameter == {
        "name": "user_id",
        "in": "path",
        "required": True,
        "schema": {
            "type": "integer",
            "minimum": 1,
            "description": "A user id, from 1",
            "title": "User Id",
        },
        "description": "A user id, from 1",
    }


def test_the_422_response_follows_parameters_or_a_body() -> None:
    spec = app.openapi()["paths"]
    assert "422" in spec["/tag-counts"]["get"]["responses"]
    assert "parameters" not in spec["/tag-counts"]["get"]


def test_a_route_with_nothing_to_validate_or_its_own_4xx_gets_no_422() -> None:
    demo = FastAPI()

    @demo.get("/ping")
    def ping() -> str:
        return "pong"

    @demo.get("/own/{n}", responses={"4XX": {"description": "Client Error"}})
    def own(n: int) -> int:
        return n

    @demo.get("/plain/{n}")
    def plain(n: int) -> int:
        return n

    paths = demo.openapi()["paths"]
    assert sorted(paths["/ping"]["get"]["responses"]) == ["200"]
    assert sorted(paths["/own/{n}"]["get"]["responses"]) == ["200", "4XX"]
    assert sorted(paths["/plain/{n}"]["get"]["responses"]) == ["200", "422"]
