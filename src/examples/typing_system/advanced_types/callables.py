"""Callable types, a callback protocol, and callables as dependencies."""

from collections.abc import Callable
from typing import Annotated, Protocol, TypeVar

from fastapi import Depends, FastAPI, Header, HTTPException

T = TypeVar("T")


# [callable]
def render_all(prices: list[int], fmt: Callable[[int], str]) -> list[str]:
    """Each price in cents, as ``fmt`` writes it."""
    return [fmt(cents) for cents in prices]


def euros(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d} EUR"


def retried(func: Callable[..., T], *args: object) -> T:
    """Call ``func`` until it stops raising ConnectionError (3 tries)."""
    for _ in range(2):
        try:
            return func(*args)
        except ConnectionError:
            pass
    return func(*args)


# [end callable]


# [notifier]
class Notifier(Protocol):
    def __call__(self, user_id: int, *, urgent: bool = False) -> None: ...


sent: list[tuple[int, bool]] = []


def email(user_id: int, *, urgent: bool = False) -> None:
    sent.append((user_id, urgent))


def close_account(user_id: int, notify: Notifier) -> None:
    notify(user_id, urgent=True)


# [end notifier]


# [dependencies]
def require_role(role: str) -> Callable[[str], str]:
    """A dependency that lets through requests with the ``role`` header."""

    def dependency(x_role: Annotated[str, Header()]) -> str:
        if x_role != role:
            raise HTTPException(status_code=403, detail="forbidden")
        return x_role

    return dependency


class RequireRole:
    """The same dependency as a class: FastAPI reads ``__call__``."""

    def __init__(self, role: str) -> None:
        self.role = role

    def __call__(self, x_role: Annotated[str, Header()]) -> str:
        if x_role != self.role:
            raise HTTPException(status_code=403, detail="forbidden")
        return x_role


app = FastAPI(title="Roles")


@app.get("/reports")
def read_reports(
    role: Annotated[str, Depends(require_role("auditor"))],
) -> str:
    return f"reports for {role}"


@app.delete("/reports")
def delete_reports(
    role: Annotated[str, Depends(RequireRole("admin"))],
) -> str:
    return f"deleted by {role}"


# [end dependencies]
