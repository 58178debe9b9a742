"""Using more than one core: worker processes and interpreters.

A module-level statement records which process, and which interpreter
(by its table of modules), ran this module's code. A process started with
``spawn`` (as Uvicorn starts its workers) and an interpreter created by
:mod:`concurrent.interpreters` (Python 3.14) each import the module
afresh, so each runs that statement again.
"""

import os
import sys

IMPORTED_IN = (os.getpid(), id(sys.modules))


def where_am_i() -> tuple[int, int]:
    """The calling process's id and its interpreter's table of modules."""
    return os.getpid(), id(sys.modules)


def imported_in() -> tuple[int, int]:
    """Where this module's top-level code ran (see :func:`where_am_i`)."""
    return IMPORTED_IN


def checksum(count: int) -> int:
    """Pure-Python work for a worker: the sum of the first squares."""
    return sum(number * number for number in range(count))
