"""A wrong answer to exercise 1.1.3-4: the key compared by identity."""

from typing import Annotated

from fastapi import FastAPI, Header, HTTPException, status


def create_app(api_key: str) -> FastAPI:
    """Refuses the right key whenever it arrives as another object."""
    app = FastAPI(title="Orders")

    @app.get("/orders")
    def orders(
        x_api_key: Annotated[str | None, Header()] = None,
    ) -> dict[str, list[int]]:
        if x_api_key is not api_key:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad API key")
        return {"orders": [1, 2]}

    return app
