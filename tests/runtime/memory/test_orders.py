"""Tests for src/examples/runtime/memory/orders.py."""

from __future__ import annotations

import gc
import weakref

import pytest

from examples.runtime.memory.orders import Line, Order, WeakLine


@pytest.mark.usefixtures("no_collector")
def test_a_strong_back_reference_waits_for_the_collector() -> None:
    order = Order(1)
    line = Line(order, "book")
    assert line.order is order
    assert order.lines == [line]
    probe = weakref.ref(order)
    del order, line
    assert probe() is not None
    gc.collect()
    assert probe() is None


@pytest.mark.usefixtures("no_collector")
def test_a_weak_back_reference_is_freed_at_once() -> None:
    order = Order(2)
    line = WeakLine(order, "pen")
    assert line.order is order
    assert order.lines == [line]
    probe = weakref.ref(order)
    del order
    assert probe() is None
    with pytest.raises(ReferenceError, match="order of pen"):
        _ = line.order


def test_orders_and_lines_keep_their_fields() -> None:
    order = Order(7)
    strong, weak = Line(order, "book"), WeakLine(order, "pen")
    assert (order.number, strong.sku, weak.sku) == (7, "book", "pen")
