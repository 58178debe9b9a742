"""The typing toolbox at an endpoint: ParamSpec, TypeIs, assert_never."""

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar, assert_never

from fastapi import FastAPI
from typing_extensions import TypeIs  # in typing from Python 3.13

from examples.typing_system.advanced_types.literals import STATUSES, Status

P = ParamSpec("P")
R = TypeVar("R")
calls: list[str] = []


# [logged]
def logged(func: Callable[P, R]) -> Callable[P, R]:
    """Record each call of ``func``; keep its signature for FastAPI."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        calls.append(func.__name__)
        return func(*args, **kwargs)

    return wrapper


# [end logged]


def unwrapped(func: Callable[P, R]) -> Callable[P, R]:
    """The same decorator without ``functools.wraps``."""

    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        return func(*args, **kwargs)

    return wrapper


app = FastAPI(title="Toolbox")


@app.get("/double")
@logged
def double(n: int) -> int:
    return 2 * n


# [status]
def is_status(text: str) -> TypeIs[Status]:
    """Whether ``text`` is a status; the checker narrows on the answer."""
    return text in STATUSES


def label(status: Status) -> str:
    """A label for each status; the checker proves none is forgotten."""
    if status == "active":
        return "Active"
    elif status == "inactive":
        return "Inactive"
    elif status == "pending":
        return "Waiting for review"
    else:
        assert_never(status)


@app.get("/labels/{text}")
def read_label(text: str) -> str:
    return label(text) if is_status(text) else "Unknown"


# [end status]
