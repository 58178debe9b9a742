"""Where FastAPI runs a ``def`` endpoint and where an ``async def`` one.

An ``async def`` dependency always runs on the event loop's thread, so an
endpoint can compare its own thread with the one the dependency saw.

>>> from fastapi.testclient import TestClient
>>> with TestClient(app) as client:
...     client.get("/async").json()
{'on_event_loop_thread': True}
"""

import threading
from typing import Annotated

from fastapi import Depends, FastAPI

app = FastAPI(title="Threads")


async def loop_thread() -> int:
    """Identify the event loop's thread: async code runs on it."""
    return threading.get_ident()


LoopThread = Annotated[int, Depends(loop_thread)]


@app.get("/sync")
def sync_endpoint(loop: LoopThread) -> dict[str, bool]:
    """A plain ``def``: FastAPI calls it in a worker thread."""
    return {"on_event_loop_thread": threading.get_ident() == loop}


@app.get("/async")
async def async_endpoint(loop: LoopThread) -> dict[str, bool]:
    """An ``async def``: FastAPI awaits it on the event loop."""
    return {"on_event_loop_thread": threading.get_ident() == loop}
