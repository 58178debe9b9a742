"""Bounded and constrained type variables; Unpack for typed **kwargs."""

from collections.abc import Mapping, Sequence
from typing import TypedDict, TypeVar, Unpack

from pydantic import BaseModel

# [bounds]
M = TypeVar("M", bound=BaseModel)
S = TypeVar("S", str, bytes)


def parse_rows(
    model: type[M], rows: Sequence[Mapping[str, object]]
) -> list[M]:
    """Validate database rows as ``model``; the bound allows the call."""
    return [model.model_validate(row) for row in rows]


def strip_prefix(value: S, prefix: S) -> S:
    """Either both text or both bytes, and the result is the same."""
    return value.removeprefix(prefix)


# [end bounds]


# [unpack]
T = TypeVar("T")


class PageOptions(TypedDict, total=False):
    page: int
    size: int


def page_of(items: Sequence[T], **options: Unpack[PageOptions]) -> list[T]:
    """The ``page``-th slice of ``size`` items (both optional)."""
    page, size = options.get("page", 1), options.get("size", 10)
    return list(items[(page - 1) * size : page * size])


# [end unpack]
