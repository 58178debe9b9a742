"""Exercise 1.1.3-3: subscribers held by weak references."""

from collections.abc import Callable


class EventBus:
    """Delivers events to bound methods without keeping their objects."""

    def subscribe(self, method: Callable[[str], None]) -> None:
        """Deliver events to ``method`` (a bound method) while it lives."""
        raise NotImplementedError("exercise 1.1.3-3")

    def publish(self, event: str) -> int:
        """Call every live subscriber; return how many were called."""
        raise NotImplementedError("exercise 1.1.3-3")
