"""An endpoint whose type hints FastAPI turns into validation and docs.

>>> from fastapi.testclient import TestClient
>>> client = TestClient(app)
>>> client.get("/orders/7").json()
{'order_id': 7, 'express': False}
"""

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI(title="Orders")


class Order(BaseModel):
    """What the API sends back for one order."""

    order_id: int
    express: bool


@app.get("/orders/{order_id}")
def read_order(order_id: int, express: bool = False) -> Order:
    """Return an order; FastAPI converts and checks both parameters."""
    return Order(order_id=order_id, express=express)
