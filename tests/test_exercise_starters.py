"""Every starter of the exercises raises until a student fills it in."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import pytest

import examples


def starters() -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages(examples.__path__, "examples."):
        if ".exercises.starters." in info.name:
            yield importlib.import_module(info.name)


def stubs(module: ModuleType) -> Iterator[Callable[..., Any]]:
    """Functions and methods of ``module`` whose body is the stub."""
    candidates: list[Any] = []
    for value in vars(module).values():
        if inspect.isfunction(value):
            candidates.append(value)
        elif inspect.isclass(value) and value.__module__ == module.__name__:
            candidates.extend(
                v for v in vars(value).values() if inspect.isfunction(v)
            )
    for function in candidates:
        if function.__code__.co_filename != module.__file__:
            continue  # generated, such as a dataclass's __init__
        if "raise NotImplementedError" in inspect.getsource(function):
            yield function


STUBS = [(m, f) for m in starters() for f in stubs(m)]


def test_every_exercise_package_has_starters() -> None:
    assert len({m.__name__.rsplit(".", 1)[0] for m, _ in STUBS}) == 11


@pytest.mark.parametrize(
    ("module", "stub"),
    STUBS,
    ids=[f"{m.__name__}.{f.__qualname__}" for m, f in STUBS],
)
def test_a_stub_raises_not_implemented(
    module: ModuleType, stub: Callable[..., Any]
) -> None:
    arguments = [None] * len(inspect.signature(stub).parameters)
    with pytest.raises(NotImplementedError, match="exercise"):
        stub(*arguments)
