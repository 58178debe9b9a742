"""Ids of two tables swapped, a Final limit raised, a ClassVar set."""

from examples.typing_system.advanced_types import ids
from examples.typing_system.advanced_types.ids import Order, UserId, find_order


def mixups(user_id: UserId, order: Order) -> None:
    find_order(user_id)
    find_order(7)
    order.table = "users"


ids.MAX_PAGE = 1000
