"""Exercise 1.3.2-3: a generic page of results.

Define ``Page``, a generic pydantic model: ``Page[int]``, ``Page[str]``...
"""

from collections.abc import Sequence
from typing import Any, TypeVar

T = TypeVar("T")


def paginate(items: Sequence[T], page: int, size: int) -> Any:
    """Page ``page`` (from 1) of ``items``, ``size`` items a page."""
    raise NotImplementedError("exercise 1.3.2-3")
