"""Callable types, a callback protocol, and callables as dependencies."""

import secrets
from collections.abc import Callable
from typing import Annotated, Protocol, TypeVar

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel

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
class User(BaseModel):
    name: str
    roles: frozenset[str]


# Stands in for a table of API keys the server keeps (hashed, in practice).
USERS_BY_KEY = {
    "key-ada": User(name="ada", roles=frozenset({"admin", "auditor"})),
    "key-bob": User(name="bob", roles=frozenset({"auditor"})),
}


def current_user(
    x_api_key: Annotated[str | None, Header()] = None,
) -> User:
    """The user whose key the client sent, or 401 Unauthorized."""
    sent = (x_api_key or "").encode()
    for key, user in USERS_BY_KEY.items():
        if secrets.compare_digest(key.encode(), sent):  # constant time
            return user
    raise HTTPException(status_code=401, detail="unknown API key")


CurrentUser = Annotated[User, Depends(current_user)]


def require_role(role: str) -> Callable[[User], User]:
    """A dependency that lets through users who hold ``role``."""

    def dependency(user: CurrentUser) -> User:
        if role not in user.roles:
            raise HTTPException(status_code=403, detail=f"needs {role}")
        return user

    return dependency


class RequireRole:
    """The same dependency as a class: FastAPI reads ``__call__``."""

    def __init__(self, role: str) -> None:
        self.role = role

    def __call__(self, user: CurrentUser) -> User:
        if self.role not in user.roles:
            raise HTTPException(status_code=403, detail=f"needs {self.role}")
        return user


app = FastAPI(title="Roles")


@app.get("/reports")
def read_reports(
    user: Annotated[User, Depends(require_role("auditor"))],
) -> str:
    return f"reports for {user.name}"


@app.delete("/reports")
def delete_reports(
    user: Annotated[User, Depends(RequireRole("admin"))],
) -> str:
    return f"deleted by {user.name}"


# [end dependencies]
