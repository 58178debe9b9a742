"""Exercises 1.1.3-1 and 1.1.3-2: shared objects and a hidden cycle."""

from collections.abc import Callable


def new_order(template: dict[str, list[str]]) -> dict[str, list[str]]:
    """A new order that starts from ``template``."""
    order = dict(template)
    order["tags"].append("new")
    return order


class Request:
    """A request that runs its clean-up handlers when it ends."""

    def __init__(self) -> None:
        self.on_end: list[Callable[[], None]] = [self.close]

    def close(self) -> None:
        """Release what the request holds."""
