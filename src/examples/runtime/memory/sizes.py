"""What one object costs: a plain class, ``__slots__``, a model.

Each class holds the same two fields. :func:`print_costs` makes many
instances of each and reports the bytes per instance that
:mod:`tracemalloc` saw allocated and still alive, which counts the
instance and everything made for it (its ``__dict__``, a model's set of
fields), but not the values it shares with the others.
"""

import dataclasses
import gc
import sys
import tracemalloc
from collections.abc import Callable

from pydantic import BaseModel


class PlainItem:
    """Attributes stored per instance, reached through ``__dict__``."""

    def __init__(self, sku: int, name: str) -> None:
        self.sku = sku
        self.name = name


class SlottedItem:
    """A fixed set of attributes stored in the instance itself."""

    __slots__ = ("name", "sku")

    def __init__(self, sku: int, name: str) -> None:
        self.sku = sku
        self.name = name


@dataclasses.dataclass
class DataItem:
    """The dataclass version of :class:`PlainItem`."""

    sku: int
    name: str


@dataclasses.dataclass(slots=True)
class SlottedDataItem:
    """The dataclass version of :class:`SlottedItem`."""

    sku: int
    name: str


class ModelItem(BaseModel):
    """The pydantic version: validated, with a ``__dict__`` and more."""

    sku: int
    name: str


MAKERS: dict[str, Callable[[], object]] = {
    "plain class": lambda: PlainItem(1, "x"),
    "__slots__": lambda: SlottedItem(1, "x"),
    "dataclass": lambda: DataItem(1, "x"),
    "dataclass(slots)": lambda: SlottedDataItem(1, "x"),
    "BaseModel": lambda: ModelItem(sku=1, name="x"),
}


def bytes_per_object(make: Callable[[], object], count: int = 10_000) -> int:
    """Average bytes allocated and kept alive per object ``make`` returns."""
    make()  # first calls fill caches; do not count them
    gc.collect()
    tracemalloc.start()
    try:
        objects = [make() for _ in range(count)]
        allocated, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return round((allocated - sys.getsizeof(objects)) / count)


def print_costs() -> None:
    """One line per kind of object: its bytes per instance."""
    for name, make in MAKERS.items():
        print(f"{name:<17}{bytes_per_object(make):>4}")
