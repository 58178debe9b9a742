"""Exercises 1.3.1-1 and 1.3.1-2: who checks an annotation."""

from fastapi import FastAPI


def total(price: int, quantity: int) -> int:
    """The price of ``quantity`` items."""
    return price * quantity


app = FastAPI(title="Items")


@app.get("/items")
def items(limit: int) -> dict[str, str | int]:
    """How many items to list, and the type FastAPI handed over."""
    return {"limit": limit, "type": type(limit).__name__}
