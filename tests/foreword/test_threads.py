"""Tests for src/examples/foreword/threads.py (book/foreword.md)."""

from __future__ import annotations

import asyncio
import threading

from fastapi.testclient import TestClient

from examples.foreword.threads import app, async_endpoint, sync_endpoint


def test_def_endpoint_runs_off_the_event_loop_thread() -> None:
    with TestClient(app) as client:
        assert client.get("/sync").json() == {"on_event_loop_thread": False}


def test_async_endpoint_runs_on_the_event_loop_thread() -> None:
    with TestClient(app) as client:
        assert client.get("/async").json() == {"on_event_loop_thread": True}


# The endpoints compare their own thread with the one the dependency saw.
# Which thread that is, is FastAPI's business; what each answers for a
# given thread is the listing's, so a test can pick the thread: the
# current one, and idents just below and above it (thread idents are
# large ints, created afresh by each get_ident() call).
def _answers(loop: int) -> tuple[bool, bool]:
    sync = sync_endpoint(loop)["on_event_loop_thread"]
    awaited = asyncio.run(_on_this_thread(loop))
    return sync, awaited


async def _on_this_thread(loop: int) -> bool:
    # asyncio.run runs the coroutine on this (the calling) thread.
    return (await async_endpoint(loop))["on_event_loop_thread"]


def test_an_endpoint_answers_true_only_on_the_thread_it_was_given() -> None:
    here = threading.get_ident()
    assert _answers(here) == (True, True)
    assert _answers(here - 1) == (False, False)
    assert _answers(here + 1) == (False, False)
