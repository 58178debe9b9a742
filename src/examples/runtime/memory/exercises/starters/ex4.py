"""Exercise 1.1.3-4: compare a secret by value."""

from fastapi import FastAPI


def create_app(api_key: str) -> FastAPI:
    """``GET /orders`` needs the header ``x-api-key: <api_key>``."""
    raise NotImplementedError("exercise 1.1.3-4")
