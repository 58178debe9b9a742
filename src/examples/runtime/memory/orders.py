"""Parent and child objects: a strong back-reference makes a cycle.

An order holds its lines; a :class:`Line` refers back to its order
strongly, a :class:`WeakLine` through a weak reference.
"""

import weakref


class Order:
    """An order and its lines."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.lines: list[Line | WeakLine] = []


class Line:
    """A line that refers to its order: order -> line -> order."""

    def __init__(self, order: Order, sku: str) -> None:
        self.order = order
        self.sku = sku
        order.lines.append(self)


class WeakLine:
    """A line that refers to its order weakly: no cycle."""

    def __init__(self, order: Order, sku: str) -> None:
        self._order = weakref.ref(order)
        self.sku = sku
        order.lines.append(self)

    @property
    def order(self) -> Order:
        """The order, while it exists."""
        order = self._order()
        if order is None:
            raise ReferenceError(f"the order of {self.sku} no longer exists")
        return order
