"""Tests for src/examples/foreword/threads.py (book/foreword.md)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from examples.foreword.threads import app


def test_def_endpoint_runs_off_the_event_loop_thread() -> None:
    with TestClient(app) as client:
        assert client.get("/sync").json() == {"on_event_loop_thread": False}


def test_async_endpoint_runs_on_the_event_loop_thread() -> None:
    with TestClient(app) as client:
        assert client.get("/async").json() == {"on_event_loop_thread": True}
