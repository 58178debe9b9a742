"""Tests for src/examples/typing_system/structural_typing/cache_api.py."""

from __future__ import annotations

from fastapi.testclient import TestClient

from examples.typing_system.structural_typing.cache_api import (
    Cache,
    MemoryCache,
    create_app,
    get_cache,
    greet,
)


def test_the_second_request_is_served_from_the_cache() -> None:
    client = TestClient(create_app())
    first = client.get("/greetings/Grace").json()
    second = client.get("/greetings/Grace").json()
    assert first == {"greeting": "Hello, Grace!", "cached": False}
    assert second == {"greeting": "Hello, Grace!", "cached": True}


def test_each_application_has_its_own_cache() -> None:
    TestClient(create_app()).get("/greetings/Ada")
    response = TestClient(create_app()).get("/greetings/Ada")
    assert response.json()["cached"] is False


class RecordingCache:
    """A stand-in that fits the protocol and records every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, ...]] = []

    def get(self, key: str) -> str | None:
        self.calls.append(("get", key))
        return None

    def set(self, key: str, value: str) -> None:
        self.calls.append(("set", key, value))


def test_the_dependency_can_be_replaced_by_any_fitting_object() -> None:
    app = create_app()
    recording = RecordingCache()
    app.dependency_overrides[get_cache] = lambda: recording
    TestClient(app).get("/greetings/Linus")
    assert recording.calls == [
        ("get", "Linus"),
        ("set", "Linus", "Hello, Linus!"),
    ]


def test_greet_works_with_any_cache_called_directly() -> None:
    cache: Cache = MemoryCache()
    cache.set("Ada", "Hi, Ada")
    assert greet("Ada", cache) == {"greeting": "Hi, Ada", "cached": True}


def test_the_application_is_titled_for_its_documentation() -> None:
    assert create_app().openapi()["info"]["title"] == "Greetings"
