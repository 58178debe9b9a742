"""A wrong answer to exercise 1.1.2-3: the limit as a default argument."""

from collections.abc import Callable

from fastapi import HTTPException, status


def page_size(maximum: int) -> Callable[..., int]:
    """FastAPI reads ``limit`` as a query parameter a client can set."""

    def size_within_limit(size: int = 10, limit: int = maximum) -> int:
        if size > limit:
            raise HTTPException(status.HTTP_400_BAD_REQUEST, "too large")
        return size

    return size_within_limit
