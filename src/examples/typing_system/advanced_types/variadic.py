"""TypeVarTuple: the types of a tuple of positional arguments (PEP 646)."""

import hashlib
from collections.abc import Callable
from typing import TypeVar, TypeVarTuple

import anyio.to_thread
from fastapi import FastAPI

R = TypeVar("R")
Ts = TypeVarTuple("Ts")
calls: list[str] = []


# [variadic]
def logged_call(func: Callable[[*Ts], R], *args: *Ts) -> R:
    """Call ``func`` with ``args``, each checked against its parameter."""
    calls.append(func.__name__)
    return func(*args)


def checksum(data: bytes, rounds: int) -> str:
    """A slow, blocking computation: it belongs in a worker thread."""
    digest = data
    for _ in range(rounds):
        digest = hashlib.sha256(digest).digest()
    return digest.hex()[:12]


app = FastAPI(title="Checksums")


@app.get("/checksums/{text}")
async def read_checksum(text: str, rounds: int = 1) -> str:
    return await anyio.to_thread.run_sync(checksum, text.encode(), rounds)


# [end variadic]
