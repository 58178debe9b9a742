"""Solution to exercise 1.1.3-3: subscribers held by weak references."""

import weakref
from collections.abc import Callable


class EventBus:
    """Delivers events to bound methods without keeping their objects."""

    def __init__(self) -> None:
        self._methods: list[weakref.WeakMethod[Callable[[str], None]]] = []

    def subscribe(self, method: Callable[[str], None]) -> None:
        """Deliver events to ``method`` (a bound method) while it lives."""
        self._methods.append(weakref.WeakMethod(method))

    def publish(self, event: str) -> int:
        """Call every live subscriber; return how many were called."""
        live = [ref() for ref in self._methods]
        self._methods = [
            ref
            for ref, method in zip(self._methods, live, strict=True)
            if method is not None
        ]
        for method in live:
            if method is not None:
                method(event)
        return len(self._methods)
