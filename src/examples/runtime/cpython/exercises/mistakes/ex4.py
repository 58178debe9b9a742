"""A wrong answer to exercise 1.1.1-4: a blocking call in ``async def``."""

from collections.abc import Callable

from fastapi import FastAPI


def create_app(lookup: Callable[[], int]) -> FastAPI:
    """Every request waits while one ``lookup`` blocks the event loop."""
    app = FastAPI(title="Stock")

    @app.get("/stock")
    async def stock() -> dict[str, int]:
        return {"stock": lookup()}  # blocks the loop's only thread

    return app
