"""A model imported for the checker only: FastAPI cannot see it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import FastAPI

if TYPE_CHECKING:  # False at run time: the import never happens
    from examples.typing_system.advanced_types.ids import Order

app = FastAPI(title="Deferred")


@app.post("/orders")
def create_order(order: Order) -> int:
    return order.id
