"""A wrong answer to exercise 1.3.1-4: ``list[int]`` without ``Query``."""

from fastapi import FastAPI

ORDERS = {1: "tea", 2: "mint", 3: "sage"}


def create_app() -> FastAPI:
    """FastAPI reads a bare ``list[int]`` parameter from the body."""
    app = FastAPI(title="Orders")

    @app.get("/orders")
    def orders(ids: list[int]) -> list[dict[str, int | str]]:
        return [{"id": i, "item": ORDERS[i]} for i in ids if i in ORDERS]

    return app
