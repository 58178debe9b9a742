"""Exercise 1.3.1-3: constraints in ``Annotated``."""

from fastapi import FastAPI


def create_app() -> FastAPI:
    """``GET /search?q=...&page=...`` with the limits in the types."""
    raise NotImplementedError("exercise 1.3.1-3")
