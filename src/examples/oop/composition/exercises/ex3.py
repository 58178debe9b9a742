"""Solution to exercise 1.2.3-3: a service that is given its clock."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


class OrderStore(Protocol):
    """Keeps orders; returns the new order's id."""

    def add(self, item: str, placed_at: datetime) -> int: ...


class Clock(Protocol):
    """Tells the time (an aware datetime)."""

    def now(self) -> datetime: ...


@dataclass(frozen=True)
class Order:
    """A placed order."""

    id: int
    item: str
    placed_at: datetime


class OrderService:
    """Places orders, with a store and a clock it is given."""

    def __init__(self, store: OrderStore, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def place(self, item: str) -> Order:
        """Store ``item`` with the clock's time; return the order."""
        if not item.strip():
            raise ValueError("an order needs an item")
        placed_at = self.clock.now()
        return Order(self.store.add(item, placed_at), item, placed_at)
