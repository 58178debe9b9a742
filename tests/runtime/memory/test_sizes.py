"""Tests for src/examples/runtime/memory/sizes.py."""

from __future__ import annotations

import sys
from operator import attrgetter

import pytest

from examples.runtime.memory import sizes


def test_every_kind_holds_the_same_record() -> None:
    for make in sizes.MAKERS.values():
        item = make()
        assert attrgetter("sku", "name")(item) == (1, "x")


def test_getsizeof_leaves_out_what_a_model_refers_to() -> None:
    model = sizes.ModelItem(sku=1, name="x")
    own = sys.getsizeof(model)
    held = sys.getsizeof(vars(model)) + sys.getsizeof(
        model.__pydantic_fields_set__
    )
    assert sizes.bytes_per_object(sizes.MAKERS["BaseModel"]) >= own + held


def test_slots_have_no_dict_and_refuse_other_attributes() -> None:
    item = sizes.SlottedItem(1, "x")
    assert not hasattr(item, "__dict__")
    with pytest.raises(AttributeError):
        item.colour = "red"  # type: ignore[attr-defined]


def test_the_ordering_of_the_costs() -> None:
    cost = {
        name: sizes.bytes_per_object(make)
        for name, make in sizes.MAKERS.items()
    }
    assert cost["__slots__"] == cost["dataclass(slots)"]
    assert cost["plain class"] == cost["dataclass"]
    assert cost["__slots__"] < cost["plain class"] < cost["BaseModel"]
    assert cost["BaseModel"] >= 9 * cost["__slots__"]


def test_the_count_excludes_the_list_and_shared_values() -> None:
    # 10 000 references to one shared object cost nothing per object.
    shared = object()
    assert sizes.bytes_per_object(lambda: shared) == 0


def test_print_costs_names_every_kind(
    capsys: pytest.CaptureFixture[str],
) -> None:
    sizes.print_costs()
    lines = capsys.readouterr().out.splitlines()
    assert [line[:17].strip() for line in lines] == list(sizes.MAKERS)
