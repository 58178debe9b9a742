"""Exercises 1.3.3-1 and 1.3.3-2: what is checked at run time."""

from typing import Protocol, runtime_checkable

# pydantic reads a TypedDict from typing only on Python 3.12 and later.
from typing_extensions import TypedDict


@runtime_checkable
class Closer(Protocol):
    """Something that can be closed."""

    def close(self) -> None: ...


class Door:
    """Has a ``close`` method of another signature."""

    def close(self, force: bool) -> str:
        """Shut the door."""
        return "slammed" if force else "closed"


class Movie(TypedDict):
    """A row of the films table."""

    title: str
    year: int
