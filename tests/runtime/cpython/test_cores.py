"""Tests for src/examples/runtime/cpython/cores.py."""

from __future__ import annotations

import importlib
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pytest

from examples.runtime.cpython import cores


def test_in_this_process_the_module_was_imported_here() -> None:
    assert cores.where_am_i() == (os.getpid(), id(sys.modules))
    assert cores.imported_in() == cores.where_am_i()
    assert cores.checksum(4) == 14


def test_a_spawned_worker_imports_the_module_again() -> None:
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn) as pool:
        child = pool.submit(cores.where_am_i).result()
        child_import = pool.submit(cores.imported_in).result()
    assert child[0] != os.getpid()
    assert child_import == child
    assert cores.imported_in()[0] == os.getpid()


@pytest.mark.skipif(
    sys.version_info < (3, 14), reason="concurrent.interpreters is new in 3.14"
)
def test_an_interpreter_imports_the_module_again() -> None:
    # Imported by name: mypy checks this file as Python 3.11.
    interpreters: Any = importlib.import_module("concurrent.interpreters")

    interpreter = interpreters.create()
    try:
        here = interpreter.call(cores.where_am_i)
        assert here[0] == os.getpid()
        assert here[1] != id(sys.modules)
        assert interpreter.call(cores.imported_in) == here
        assert interpreter.call(cores.checksum, 4) == 14
    finally:
        interpreter.close()
