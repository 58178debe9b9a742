"""Tests for src/examples/runtime/cpython/waiting.py."""

from __future__ import annotations

import asyncio
import threading

from fastapi.testclient import TestClient

from examples.runtime.cpython.waiting import create_app, send_at_once


def test_every_request_waits_together_on_one_thread() -> None:
    before = threading.active_count()
    answers = asyncio.run(send_at_once(50))
    assert answers == [{"arrived": 50, "threads": 1}] * 50
    assert threading.active_count() == before


def test_a_single_request_passes_a_gate_of_one() -> None:
    with TestClient(create_app(1)) as client:
        response = client.get("/slow")
    assert response.status_code == 200
    assert response.json() == {"arrived": 1, "threads": 1}
