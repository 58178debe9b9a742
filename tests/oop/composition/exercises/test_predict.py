"""Exercises 1.2.3-1 and -2's module; the answers are doctests."""

from fastapi.testclient import TestClient

from examples.oop.composition.exercises import predict


def test_settings_are_built_once_per_request() -> None:
    predict.calls.clear()
    client = TestClient(predict.app)
    assert client.get("/parts").json() == {
        "repository": "repository in eu",
        "region": "eu",
    }
    assert predict.calls == ["settings"]
