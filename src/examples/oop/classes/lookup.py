"""A value computed once per object, safely shared between threads.

>>> catalog = LockedCatalog(lambda: ("anise", "basil"))
>>> catalog.names, catalog.names is catalog.names, catalog.loads
(('anise', 'basil'), True, 1)
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class LockedCatalog:
    """Loads its names on first use, exactly once, from any thread."""

    def __init__(self, load: Callable[[], tuple[str, ...]]) -> None:
        self._load = load
        self._lock = threading.Lock()
        self._names: tuple[str, ...] | None = None
        self.loads = 0

    @property
    def names(self) -> tuple[str, ...]:
        with self._lock:  # one thread loads; the others wait, then reuse
            if self._names is None:
                self.loads += 1
                self._names = self._load()
            return self._names
