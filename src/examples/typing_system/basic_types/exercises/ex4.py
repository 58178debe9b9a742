"""Solution to exercise 1.3.1-4: a list of ids in the query string."""

from typing import Annotated

from fastapi import FastAPI, Query
from pydantic import Field

ORDERS = {1: "tea", 2: "mint", 3: "sage"}

#: At most 20 ids, each a positive int: ``?ids=1&ids=3``.
OrderIds = Annotated[list[Annotated[int, Field(ge=1)]], Query(max_length=20)]


def create_app() -> FastAPI:
    """``GET /orders?ids=1&ids=3`` answers the orders that exist."""
    app = FastAPI(title="Orders")

    @app.get("/orders")
    def orders(ids: OrderIds) -> list[dict[str, int | str]]:
        return [{"id": i, "item": ORDERS[i]} for i in ids if i in ORDERS]

    return app
