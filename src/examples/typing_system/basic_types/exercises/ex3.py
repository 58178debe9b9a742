"""Solution to exercise 1.3.1-3: constraints in ``Annotated``."""

from typing import Annotated

from fastapi import FastAPI, Query


def create_app() -> FastAPI:
    """``GET /search?q=...&page=...`` with the limits in the types."""
    app = FastAPI(title="Search")

    @app.get("/search")
    def search(
        q: Annotated[str, Query(min_length=2, max_length=50)],
        page: Annotated[int, Query(ge=1, le=1000)] = 1,
    ) -> dict[str, str | int]:
        return {"q": q, "page": page}

    return app
