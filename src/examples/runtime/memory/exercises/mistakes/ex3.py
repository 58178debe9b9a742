"""A wrong answer to exercise 1.1.3-3: a list of bound methods."""

from collections.abc import Callable


class EventBus:
    """Each bound method keeps its object alive as long as the bus."""

    def __init__(self) -> None:
        self._methods: list[Callable[[str], None]] = []

    def subscribe(self, method: Callable[[str], None]) -> None:
        """Deliver events to ``method`` for as long as the bus lives."""
        self._methods.append(method)

    def publish(self, event: str) -> int:
        """Call every subscriber; return how many were called."""
        for method in self._methods:
            method(event)
        return len(self._methods)
