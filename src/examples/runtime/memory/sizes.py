"""What one object costs: a plain class, ``__slots__``, a model.

Each class holds the same two fields. :func:`print_costs` makes many
instances of each and reports the bytes per instance that
:mod:`tracemalloc` saw allocated and still alive, which counts the
instance and everything made for it (its ``__dict__``, a model's set of
fields): first with values every instance shares, then with values of
its own, as the rows of a response have.
"""

import dataclasses
import functools
import gc
import itertools
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


KINDS: dict[str, Callable[[int, str], object]] = {
    "plain class": PlainItem,
    "__slots__": SlottedItem,
    "dataclass": DataItem,
    "dataclass(slots)": SlottedDataItem,
    "BaseModel": lambda sku, name: ModelItem(sku=sku, name=name),
}

MAKERS: dict[str, Callable[[], object]] = {
    name: functools.partial(kind, 1, "x") for name, kind in KINDS.items()
}


def own_values(kind: Callable[[int, str], object]) -> Callable[[], object]:
    """A maker that gives every object a new int and a new string."""
    numbers = itertools.count(1_000_000)

    def make() -> object:
        number = next(numbers)
        return kind(number, str(number))

    return make


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
    """Bytes per instance of each kind, with shared and with own values."""
    print(f"{'':<17}{'shared':>6}{'own':>6}")
    for name, kind in KINDS.items():
        shared = bytes_per_object(MAKERS[name])
        own = bytes_per_object(own_values(kind))
        print(f"{name:<17}{shared:>6}{own:>6}")
