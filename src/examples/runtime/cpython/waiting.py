"""Many requests in flight on one thread: what ``async def`` buys FastAPI.

Every request to ``/slow`` waits at a gate that stands in for a slow
database or HTTP call. The gate opens only once ``expected`` requests are
waiting at the same time, so a response proves that they all were.

>>> import asyncio
>>> asyncio.run(send_at_once(3))
[{'arrived': 3, 'threads': 1}, ...]
"""

import asyncio
import threading

import httpx2
from fastapi import FastAPI


def create_app(expected: int) -> FastAPI:
    """An app whose ``/slow`` answers once ``expected`` requests wait."""
    app = FastAPI(title="Waiting")
    gate = asyncio.Barrier(expected)
    threads: set[int] = set()
    arrivals: list[int] = []

    @app.get("/slow")
    async def slow() -> dict[str, int]:
        threads.add(threading.get_ident())
        arrivals.append(1)  # counted before this request waits
        async with asyncio.timeout(5):
            await gate.wait()  # stands in for awaiting a database reply
        return {"arrived": len(arrivals), "threads": len(threads)}

    return app


async def send_at_once(count: int) -> list[dict[str, int]]:
    """Send ``count`` requests together and collect the JSON answers."""
    transport = httpx2.ASGITransport(app=create_app(count))
    async with httpx2.AsyncClient(
        transport=transport, base_url="http://book.test"
    ) as client:
        calls = [client.get("/slow") for _ in range(count)]
        responses = await asyncio.gather(*calls)
    return [response.json() for response in responses]
