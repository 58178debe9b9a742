"""Solution to exercise 1.3.2-3: a generic page of results."""

from collections.abc import Sequence
from typing import Generic, TypeVar

from pydantic import BaseModel

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a longer list."""

    items: list[T]
    page: int
    total: int


def paginate(items: Sequence[T], page: int, size: int) -> Page[T]:
    """Page ``page`` (from 1) of ``items``, ``size`` items a page."""
    if page < 1 or size < 1:
        raise ValueError("page and size start at 1")
    start = (page - 1) * size
    return Page(
        items=list(items[start : start + size]), page=page, total=len(items)
    )
