"""Exercise 1.1.2-3: a dependency factory with a closure."""

from collections.abc import Callable


def page_size(maximum: int) -> Callable[[int], int]:
    """A dependency: the ``size`` query parameter, at most ``maximum``."""
    raise NotImplementedError("exercise 1.1.2-3")
