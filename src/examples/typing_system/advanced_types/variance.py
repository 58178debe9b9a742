"""Variance: why a list of orders is not a list of models."""

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from examples.typing_system.advanced_types.ids import Order


# [lists]
def dump_list(models: list[BaseModel]) -> list[dict[str, Any]]:
    """Too strict a parameter: a ``list[Order]`` is not accepted."""
    return [model.model_dump() for model in models]


def dump_all(models: Sequence[BaseModel]) -> list[dict[str, Any]]:
    """Read-only, so a sequence of any model's instances will do."""
    return [model.model_dump() for model in models]


class Placeholder(BaseModel):
    note: str = "not loaded yet"


def add_placeholder(models: list[BaseModel]) -> None:
    """What a ``list[BaseModel]`` parameter allows: any model goes in."""
    models.append(Placeholder())


# [end lists]

# [page]
T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class Page(Generic[T_co]):
    """A read-only page of results: covariant, as Sequence is."""

    def __init__(self, items: Sequence[T_co]) -> None:
        self._items = tuple(items)

    def first(self) -> T_co:
        return self._items[0]


class Slot(Generic[T]):
    """A value that can be read and replaced: invariant, as list is."""

    def __init__(self, value: T) -> None:
        self.value = value

    def replace(self, value: T) -> None:
        self.value = value


# [end page]


# [formatters]
def label_orders(
    orders: Sequence[Order], fmt: Callable[[Order], str]
) -> list[str]:
    """Needs a formatter that can take an order."""
    return [fmt(order) for order in orders]


def label_models(
    models: Sequence[BaseModel], fmt: Callable[[BaseModel], str]
) -> list[str]:
    """Needs a formatter that can take any model."""
    return [fmt(model) for model in models]


def kind(model: BaseModel) -> str:
    return type(model).__name__


def order_number(order: Order) -> str:
    return f"order {order.id}"


# [end formatters]
