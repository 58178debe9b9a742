"""A list of orders is not a list of models; a sequence of them is."""

from pydantic import BaseModel

from examples.typing_system.advanced_types.ids import Order
from examples.typing_system.advanced_types.variance import (
    Page,
    Placeholder,
    Slot,
    add_placeholder,
    dump_all,
    dump_list,
    kind,
    label_models,
    label_orders,
    order_number,
)


def calls(orders: list[Order]) -> None:
    dump_list(orders)
    add_placeholder(orders)
    dump_all(orders)
    page: Page[Order] = Page(orders)
    models: Page[BaseModel] = page
    slot: Slot[Order] = Slot(orders[0])
    anything: Slot[BaseModel] = slot
    print(models, anything)


def formatters(orders: list[Order]) -> None:
    print(label_orders(orders, kind))
    print(label_models([Placeholder()], order_number))
