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
    header, *lines = capsys.readouterr().out.splitlines()
    assert header.split() == ["shared", "own"]
    assert [line[:17].strip() for line in lines] == list(sizes.MAKERS)


def test_getsizeof_leaves_out_a_plain_objects_attribute_storage() -> None:
    # Up to 3.12 the values are a second block; from 3.13 they are
    # inside the object's own block, which getsizeof still undercounts.
    plain = sizes.MAKERS["plain class"]
    assert sizes.bytes_per_object(plain) > sys.getsizeof(plain())
    slotted = sizes.MAKERS["__slots__"]
    assert sizes.bytes_per_object(slotted) == sys.getsizeof(slotted())


def test_own_values_are_new_for_every_object() -> None:
    make = sizes.own_values(sizes.KINDS["plain class"])
    first, second = make(), make()
    assert attrgetter("sku", "name")(first) == (1_000_000, "1000000")
    assert attrgetter("sku", "name")(second) == (1_000_001, "1000001")


def test_own_values_cost_every_kind_the_same() -> None:
    extra = {
        name: sizes.bytes_per_object(sizes.own_values(kind))
        - sizes.bytes_per_object(sizes.MAKERS[name])
        for name, kind in sizes.KINDS.items()
    }
    assert len(set(extra.values())) == 1
    (value_cost,) = set(extra.values())
    assert value_cost > 0
    own_model = sizes.bytes_per_object(
        sizes.own_values(sizes.KINDS["BaseModel"])
    )
    own_slots = sizes.bytes_per_object(
        sizes.own_values(sizes.KINDS["__slots__"])
    )
    # A quarter or less, not the tenth of the shared-value comparison.
    assert 4 * own_slots <= own_model <= 5 * own_slots
