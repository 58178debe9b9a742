"""A class as a FastAPI dependency, and settings built once per app.

>>> from fastapi.testclient import TestClient
>>> client = TestClient(create_app(Settings("sqlite://")))
>>> client.get("/herbs", params={"limit": 2}).json()["items"]
['anise', 'basil']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, ClassVar

from fastapi import Depends, FastAPI, Query
from pydantic import BaseModel

from examples.oop.classes.settings import Settings

HERBS = ("anise", "basil", "chervil", "dill", "fennel", "lovage", "sage")


class Page:
    """Which slice of a long listing a client asked for."""

    max_limit: ClassVar[int] = 5

    def __init__(
        self,
        offset: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1)] = 3,
    ) -> None:
        self.offset = offset
        self.limit = min(limit, self.max_limit)

    def apply(self, items: Sequence[str]) -> list[str]:
        return list(items[self.offset : self.offset + self.limit])

    def __repr__(self) -> str:
        return f"Page(offset={self.offset}, limit={self.limit})"


class HerbPage(BaseModel):
    """One page of herbs, as the API sends it."""

    offset: int
    limit: int
    items: list[str]


class About(BaseModel):
    """What the application says about itself: no URL, no host, no key."""

    database: str
    debug: bool
    has_api_key: bool


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application; without settings, read the environment."""
    if settings is None:
        settings = Settings.from_env()
    app = FastAPI(title="Herbs", debug=settings.debug)

    @app.get("/herbs")
    def list_herbs(page: Annotated[Page, Depends()]) -> HerbPage:
        return HerbPage(
            offset=page.offset, limit=page.limit, items=page.apply(HERBS)
        )

    @app.get("/about")
    def about() -> About:
        return About(
            database=settings.database_url.get_backend_name(),
            debug=settings.debug,
            has_api_key=settings.has_api_key(),
        )

    return app
