"""Exercise 1.2.1-4: a quota whose counts are per object."""

from fastapi import FastAPI


class Quota:
    """At most ``limit`` calls per client."""

    def __init__(self, limit: int) -> None:
        raise NotImplementedError("exercise 1.2.1-4")

    def take(self, client: str) -> bool:
        """Count one call of ``client``; whether it is within the limit."""
        raise NotImplementedError("exercise 1.2.1-4")


def create_app(quota: Quota) -> FastAPI:
    """``GET /search`` answers 429 once the caller's quota is spent."""
    raise NotImplementedError("exercise 1.2.1-4")
