"""The same application factory, with annotations that are evaluated."""

from fastapi import FastAPI
from pydantic import BaseModel


def create_app() -> FastAPI:
    """An app whose body model is local to this function."""

    class Item(BaseModel):
        name: str

    app = FastAPI(title="Items")

    @app.post("/items")
    def create_item(item: Item) -> Item:
        return item

    return app
