"""Tests for src/examples/runtime/execution_model/routes.py."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from examples.runtime.execution_model import routes


def answers(app: FastAPI) -> list[str]:
    client = TestClient(app)
    return [
        client.get(f"/{name}/ping").json()["region"] for name in routes.REGIONS
    ]


def test_late_binding_gives_every_route_the_last_region() -> None:
    assert answers(routes.late_binding_app()) == ["asia"] * 3


@pytest.mark.parametrize(
    "factory", [routes.default_argument_app, routes.factory_app]
)
def test_both_fixes_answer_with_their_own_region(factory: object) -> None:
    assert callable(factory)
    app = factory()
    assert isinstance(app, FastAPI)
    assert answers(app) == list(routes.REGIONS)


def test_the_default_argument_becomes_a_query_parameter() -> None:
    client = TestClient(routes.default_argument_app())
    assert client.get("/eu/ping?region=us").json() == {"region": "us"}
    names = [
        parameter["name"]
        for parameter in routes.default_argument_app().openapi()["paths"][
            "/eu/ping"
        ]["get"]["parameters"]
    ]
    assert names == ["region"]


def test_the_factory_adds_no_parameter() -> None:
    client = TestClient(routes.factory_app())
    assert client.get("/eu/ping?region=us").json() == {"region": "eu"}
    assert (
        "parameters"
        not in (routes.factory_app().openapi()["paths"]["/eu/ping"]["get"])
    )


def test_make_ping_closes_over_its_argument() -> None:
    ping = routes.make_ping("eu")
    assert ping() == {"region": "eu"}
    assert ping.__code__.co_freevars == ("region",)
