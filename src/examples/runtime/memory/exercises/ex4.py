"""Solution to exercise 1.1.3-4: compare a secret by value."""

import secrets
from typing import Annotated

from fastapi import FastAPI, Header, HTTPException, status


def create_app(api_key: str) -> FastAPI:
    """``GET /orders`` needs the header ``x-api-key: <api_key>``."""
    app = FastAPI(title="Orders")
    expected = api_key.encode()

    @app.get("/orders")
    def orders(
        x_api_key: Annotated[str | None, Header()] = None,
    ) -> dict[str, list[int]]:
        given = (x_api_key or "").encode()
        if not secrets.compare_digest(given, expected):
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad API key")
        return {"orders": [1, 2]}

    return app
