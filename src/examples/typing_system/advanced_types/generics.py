"""Functions and classes parameterized by a type: ``TypeVar``, ``Generic``."""

from collections.abc import Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


def first(items: Sequence[T]) -> T:
    """The first item; its type is the type of the sequence's items."""
    return items[0]


class ApiResponse(Generic[T]):
    """A typed envelope for any kind of data."""

    def __init__(self, data: T, message: str = "success") -> None:
        self.data = data
        self.message = message
