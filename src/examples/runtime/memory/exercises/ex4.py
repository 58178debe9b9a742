"""Solution to exercise 1.1.3-4: compare a secret by value."""

import secrets
from typing import Annotated

from fastapi import FastAPI, Header, HTTPException, status


def create_app(api_key: str) -> FastAPI:
    """``GET /orders`` needs the header ``x-api-key: <api_key>``."""
    if not api_key:  # an empty key would match an empty header
        raise ValueError("api_key must not be empty")
    app = FastAPI(title="Orders")
    expected = api_key.encode()

    @app.get("/orders")
    def orders(
        x_api_key: Annotated[str | None, Header()] = None,
    ) -> dict[str, list[int]]:
        if x_api_key is None or not secrets.compare_digest(
            x_api_key.encode(), expected
        ):
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad API key")
        return {"orders": [1, 2]}

    return app
