"""What the GIL does to a FastAPI process: the loop and the thread pool.

The first app has ``def`` endpoints that run in AnyIO's thread pool. One
computes in pure Python, one calls a C function that releases the lock
while it hashes, one waits (standing in for a database reply), and an
``async`` endpoint has a ``def`` dependency that computes.
:func:`loop_during` records whether the event loop could run while such an
endpoint was busy in its thread.

The second app shows what shares the pool's tokens: ``def`` endpoints,
``def`` dependencies and ``run_in_threadpool`` calls.
"""

import asyncio
import contextlib
import hashlib
import sys
import threading
import time
from collections.abc import AsyncGenerator, Generator
from typing import Annotated

import anyio.to_thread
import httpx2
from fastapi import Depends, FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.testclient import TestClient


@contextlib.contextmanager
def switch_interval(seconds: float) -> Generator[None]:
    """Set :func:`sys.setswitchinterval` for a block, then restore it."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(seconds)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def compute(steps: int) -> int:
    """Pure-Python work: it holds the lock until asked to hand it over."""
    return sum(step * step for step in range(steps))


def create_busy_app(
    events: list[str],
    started: threading.Event,
    release: threading.Event,
    hash_for: float = 10,
) -> FastAPI:
    """``def`` endpoints that record when they start and finish.

    ``/digest`` hashes until ``release`` is set, for at most ``hash_for``
    seconds.
    """
    app = FastAPI(title="Busy threads")

    def begin(name: str) -> None:
        events.append(f"{name} started")
        started.set()

    @app.get("/compute")
    def compute_endpoint() -> dict[str, int]:
        begin("compute")
        total = compute(3_000_000)
        events.append("compute finished")
        return {"total": total}

    def price_table() -> int:
        begin("dependency")
        total = compute(3_000_000)
        events.append("dependency finished")
        return total

    @app.get("/report")
    async def report(
        total: Annotated[int, Depends(price_table)],
    ) -> dict[str, int]:
        return {"total": total}

    @app.get("/digest")
    def digest() -> dict[str, int]:
        begin("digest")
        chunk = bytes(4 * 1024 * 1024)
        hasher = hashlib.sha256()
        chunks, deadline = 0, time.monotonic() + hash_for
        while True:  # until the loop has run, for at most hash_for s
            hasher.update(chunk)  # C code that releases the lock
            chunks += 1
            if release.is_set() or time.monotonic() > deadline:
                break
        events.append("digest finished")
        return {"chunks": chunks}

    @app.get("/wait")
    def wait() -> dict[str, bool]:
        begin("wait")
        answered = release.wait(timeout=10)  # waiting releases the lock
        events.append("wait finished")
        return {"answered": answered}

    return app


async def loop_during(path: str) -> list[str]:
    """Call ``path``; note when the event loop runs while it is busy."""
    events: list[str] = []
    started, release = threading.Event(), threading.Event()
    app = create_busy_app(events, started, release)
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(
        transport=transport, base_url="http://book.test"
    ) as client:
        request = asyncio.create_task(client.get(path))
        await asyncio.to_thread(started.wait, 10)
        events.append("event loop ran")
        release.set()
        response = await request
    assert response.status_code == 200
    return events


def create_pool_app(tokens: int, timeout: float) -> FastAPI:
    """Three kinds of pool work that must all run at once to succeed.

    Each waits at a barrier of three parties: one ``def`` endpoint, one
    ``def`` dependency and one ``run_in_threadpool`` call. The lifespan
    sets how many threads the pool may use at a time.
    """
    gate = threading.Barrier(3, timeout=timeout)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncGenerator[None]:
        limiter = anyio.to_thread.current_default_thread_limiter()
        limiter.total_tokens = tokens
        yield

    app = FastAPI(title="Pool tokens", lifespan=lifespan)

    def meet() -> bool:
        try:
            gate.wait()
        except threading.BrokenBarrierError:
            return False
        return True

    @app.get("/endpoint")
    def endpoint() -> dict[str, bool]:
        return {"met": meet()}

    @app.get("/dependency")
    async def dependency(
        met: Annotated[bool, Depends(meet)],
    ) -> dict[str, bool]:
        return {"met": met}

    @app.get("/threadpool")
    async def threadpool() -> dict[str, bool]:
        return {"met": await run_in_threadpool(meet)}

    return app


def send_one_of_each(app: FastAPI) -> list[bool]:
    """Send the three requests together; did all three meet?"""
    paths = ["/endpoint", "/dependency", "/threadpool"]
    with TestClient(app) as client:
        results: list[bool] = []

        def call(path: str) -> None:
            results.append(client.get(path).json()["met"])

        callers = [threading.Thread(target=call, args=(p,)) for p in paths]
        for caller in callers:
            caller.start()
        for caller in callers:
            caller.join()
    return results
