"""Exercise 1.3.1-4: a list of ids in the query string."""

from fastapi import FastAPI

ORDERS = {1: "tea", 2: "mint", 3: "sage"}


def create_app() -> FastAPI:
    """``GET /orders?ids=1&ids=3`` answers the orders that exist."""
    raise NotImplementedError("exercise 1.3.1-4")
