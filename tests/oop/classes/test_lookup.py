"""Tests for src/examples/oop/classes/lookup.py: loaded once, from any thread.

The race is forced: the loader waits at a two-party Barrier, which opens
only if a second thread is inside the loader at the same time. The locked
class keeps the second thread out on every version; cached_property lets it
in from Python 3.12, when its lock was removed.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from functools import cached_property

from examples.oop.classes.lookup import LockedCatalog


def two_threads_read(obj: object, name: str) -> None:
    start = threading.Barrier(2)  # both threads begin together

    def read() -> None:
        start.wait()
        getattr(obj, name)

    threads = [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def waiting_loader(barrier: threading.Barrier) -> tuple[str, ...]:
    # A timeout means this thread was alone in the loader.
    with contextlib.suppress(threading.BrokenBarrierError):
        barrier.wait()
    return ("anise",)


def test_the_locked_catalog_loads_once_under_a_race() -> None:
    barrier = threading.Barrier(2, timeout=2)
    catalog = LockedCatalog(lambda: waiting_loader(barrier))
    two_threads_read(catalog, "names")
    assert catalog.loads == 1
    assert barrier.broken  # the second thread never entered the loader
    assert catalog.names == ("anise",)


class Unlocked:
    def __init__(self) -> None:
        self.loads = 0
        self.barrier = threading.Barrier(2, timeout=2)

    @cached_property
    def names(self) -> tuple[str, ...]:
        self.loads += 1
        return waiting_loader(self.barrier)


def test_cached_property_runs_once_per_racing_thread_from_3_12() -> None:
    unlocked = Unlocked()
    two_threads_read(unlocked, "names")
    expected = 1 if sys.version_info < (3, 12) else 2
    assert unlocked.loads == expected
    assert unlocked.barrier.broken is (expected == 1)
