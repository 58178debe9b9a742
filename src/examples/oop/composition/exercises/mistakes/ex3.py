"""A wrong answer to exercise 1.2.3-3: the service reads the time itself."""

from dataclasses import dataclass
from datetime import UTC, datetime
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
    """Ignores the clock it is given: no test can fix the time."""

    def __init__(self, store: OrderStore, clock: Clock) -> None:
        self.store = store

    def place(self, item: str) -> Order:
        """Store ``item`` with the current time; return the order."""
        if not item.strip():
            raise ValueError("an order needs an item")
        placed_at = datetime.now(UTC)
        return Order(self.store.add(item, placed_at), item, placed_at)
