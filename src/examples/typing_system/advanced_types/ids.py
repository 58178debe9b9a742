"""NewType ids, a Final limit, a ClassVar that is not a field, and cast."""

from typing import Annotated, ClassVar, Final, NewType

from fastapi import FastAPI, HTTPException, Query
from pydantic import BaseModel

# [ids]
UserId = NewType("UserId", int)
OrderId = NewType("OrderId", int)
MAX_PAGE: Final = 100


class Order(BaseModel):
    id: OrderId
    owner: UserId
    table: ClassVar[str] = "orders"  # not a field: no client can set it


ORDERS = {OrderId(7): Order(id=OrderId(7), owner=UserId(1))}


def find_order(order_id: OrderId) -> Order | None:
    return ORDERS.get(order_id)


# [end ids]

app = FastAPI(title="Orders")


# [read_order]
@app.get("/orders/{order_id}")
def read_order(order_id: OrderId) -> Order:
    order = find_order(order_id)
    if order is None:
        raise HTTPException(status_code=404, detail="order not found")
    return order


@app.get("/orders")
def list_orders(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 10,
) -> list[Order]:
    return list(ORDERS.values())[:limit]


# [end read_order]
