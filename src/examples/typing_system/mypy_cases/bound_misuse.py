"""A type outside the bound, mixed constraints, an unknown keyword."""

from examples.typing_system.advanced_types.bounds import (
    page_of,
    parse_rows,
    strip_prefix,
)
from examples.typing_system.advanced_types.ids import Order


def misuses(orders: list[Order]) -> None:
    parse_rows(dict, [])
    strip_prefix("/orders/7", b"/orders/")
    page_of(orders, page=2, sise=5)
