"""A wrong answer to exercise 1.2.1-4: the counts in a class attribute."""

from typing import Annotated, ClassVar

from fastapi import FastAPI, Header, HTTPException, status


class Quota:
    """Every quota of the process shares one dict of counts."""

    used: ClassVar[dict[str, int]] = {}

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def take(self, client: str) -> bool:
        """Count one call of ``client``; whether it is within the limit."""
        self.used[client] = self.used.get(client, 0) + 1
        return self.used[client] <= self.limit


def create_app(quota: Quota) -> FastAPI:
    """``GET /search`` answers 429 once the caller's quota is spent."""
    app = FastAPI(title="Search")

    @app.get("/search")
    async def search(x_client: Annotated[str, Header()]) -> dict[str, str]:
        if not quota.take(x_client):
            raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "slow down")
        return {"results": "..."}

    return app
