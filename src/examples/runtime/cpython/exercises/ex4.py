"""Solution to exercise 1.1.1-4: a blocking call kept off the event loop."""

from collections.abc import Callable

from fastapi import FastAPI


def create_app(lookup: Callable[[], int]) -> FastAPI:
    """``GET /stock`` answers ``{"stock": lookup()}``; ``lookup`` blocks."""
    app = FastAPI(title="Stock")

    @app.get("/stock")
    def stock() -> dict[str, int]:  # def: FastAPI runs it in a thread
        return {"stock": lookup()}

    return app
