"""Checks of exercise 1.1.3-3 (``make exercise-check EXERCISE=1.1.3-3``)."""

from __future__ import annotations

import gc
import weakref
from types import ModuleType

from examples.runtime.memory.exercises import ex3
from examples.runtime.memory.exercises.mistakes import ex3 as mistake
from examples.runtime.memory.exercises.starters import ex3 as starter
from tests.exercise_kit import exercise_tests, mistake_tests


class Socket:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def send(self, event: str) -> None:
        self.seen.append(event)


def check_live_subscribers_get_every_event(m: ModuleType) -> None:
    bus, first, second = m.EventBus(), Socket(), Socket()
    bus.subscribe(first.send)
    bus.subscribe(second.send)
    assert bus.publish("paid") == 2
    assert bus.publish("shipped") == 2
    assert first.seen == second.seen == ["paid", "shipped"]


def check_the_bus_does_not_keep_a_subscriber_alive(m: ModuleType) -> None:
    bus, gone, kept = m.EventBus(), Socket(), Socket()
    bus.subscribe(gone.send)
    bus.subscribe(kept.send)
    alive = weakref.ref(gone)
    gc.disable()  # reference counting alone must free it
    try:
        del gone
        assert alive() is None
    finally:
        gc.enable()
    assert bus.publish("paid") == 1
    assert kept.seen == ["paid"]


CHECKS = [
    check_live_subscribers_get_every_event,
    check_the_bus_does_not_keep_a_subscriber_alive,
]
test_attempt, test_starter_fails = exercise_tests(ex3, starter, CHECKS)
test_mistake_fails = mistake_tests(
    mistake, [check_the_bus_does_not_keep_a_subscriber_alive]
)


def test_the_mistake_delivers_events() -> None:
    check_live_subscribers_get_every_event(mistake)


def test_a_plain_weak_reference_to_a_bound_method_dies_at_once() -> None:
    socket = Socket()
    method = weakref.ref(socket.send)  # the bound method is freed here
    assert method() is None
    assert weakref.WeakMethod(socket.send)() == socket.send
