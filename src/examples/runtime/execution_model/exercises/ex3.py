"""Solution to exercise 1.1.2-3: a dependency factory with a closure."""

from collections.abc import Callable

from fastapi import HTTPException, status


def page_size(maximum: int) -> Callable[[int], int]:
    """A dependency: the ``size`` query parameter, at most ``maximum``."""

    def size_within_limit(size: int = 10) -> int:
        if size > maximum:  # read from the closure's cell
            raise HTTPException(
                status.HTTP_400_BAD_REQUEST, f"size is at most {maximum}"
            )
        return size

    return size_within_limit
