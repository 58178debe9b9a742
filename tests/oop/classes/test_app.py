"""Tests for src/examples/oop/classes/app.py."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from examples.oop.classes.app import HERBS, Page, create_app
from examples.oop.classes.settings import Settings


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(Settings("sqlite:///herbs.db")))


def test_page_is_a_plain_class_too() -> None:
    assert (Page().offset, Page().limit) == (0, 3)
    page = Page(offset=5, limit=9)
    assert repr(page) == "Page(offset=5, limit=5)"
    assert page.apply(HERBS) == ["lovage", "sage"]


def test_the_class_init_parameters_are_query_parameters(
    client: TestClient,
) -> None:
    response = client.get("/herbs", params={"offset": 1, "limit": 2})
    assert response.status_code == 200
    assert response.json() == {
        "offset": 1,
        "limit": 2,
        "items": ["basil", "chervil"],
    }
    assert client.get("/herbs").json()["items"] == [
        "anise",
        "basil",
        "chervil",
    ]


def test_limits_are_capped_and_validated(client: TestClient) -> None:
    assert client.get("/herbs?limit=99").json()["limit"] == Page.max_limit
    response = client.get("/herbs?offset=-1")
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["loc"], error["type"]) == (
        ["query", "offset"],
        "greater_than_equal",
    )
    assert client.get("/herbs?limit=0").status_code == 422


def test_the_class_attribute_is_not_a_parameter(client: TestClient) -> None:
    spec = create_app(Settings("sqlite://")).openapi()
    names = [p["name"] for p in spec["paths"]["/herbs"]["get"]["parameters"]]
    assert names == ["offset", "limit"]


def test_about_shows_the_backend_and_never_the_key() -> None:
    app = create_app(Settings("sqlite:///x.db", debug=True, api_key="k-1"))
    response = TestClient(app).get("/about")
    assert response.status_code == 200
    assert response.json() == {
        "database": "sqlite",
        "debug": True,
        "has_api_key": True,
    }
    assert "k-1" not in response.text
    assert app.debug is True


def test_without_settings_the_factory_reads_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("APP_DATABASE_URL", "sqlite:///env.db")
    monkeypatch.delenv("APP_API_KEY", raising=False)
    monkeypatch.delenv("APP_DEBUG", raising=False)
    response = TestClient(create_app()).get("/about")
    assert response.json() == {
        "database": "sqlite",
        "debug": False,
        "has_api_key": False,
    }


@pytest.mark.parametrize("debug", [False, True])
def test_debug_mode_sends_tracebacks_to_clients(debug: bool) -> None:
    app = create_app(Settings("sqlite://", debug=debug))

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("internal detail")

    response = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert response.status_code == 500
    assert ("Traceback" in response.text) is debug
    assert ("internal detail" in response.text) is debug
