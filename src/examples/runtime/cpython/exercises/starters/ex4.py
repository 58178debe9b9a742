"""Exercise 1.1.1-4: a blocking call kept off the event loop."""

from collections.abc import Callable

from fastapi import FastAPI


def create_app(lookup: Callable[[], int]) -> FastAPI:
    """``GET /stock`` answers ``{"stock": lookup()}``; ``lookup`` blocks."""
    raise NotImplementedError("exercise 1.1.1-4")
