"""Callable types, a callback protocol, and callables as dependencies."""

import hashlib
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


def digest(key: str) -> bytes:
    return hashlib.sha256(key.encode()).digest()


# Only the digests are looked up. A real server loads stored digests (of
# long random keys: unsalted SHA-256 is no way to keep passwords) and never
# sees a key in its source; these three digest the book's demo keys.
USERS_BY_DIGEST = {
    digest("key-ada"): User(name="ada", roles=frozenset({"admin", "auditor"})),
    digest("key-bob"): User(name="bob", roles=frozenset({"auditor"})),
    digest("key-cy"): User(name="cy", roles=frozenset({"billing"})),
}
#: RFC 9110 15.5.2: a 401 names the scheme the client must use.
CHALLENGE = {"WWW-Authenticate": "APIKey"}


def current_user(
    x_api_key: Annotated[str | None, Header()] = None,
) -> User:
    """The user whose key the client sent, or 401 Unauthorized."""
    if not x_api_key:  # never look up a missing or empty key
        raise HTTPException(401, "missing API key", headers=CHALLENGE)
    sent = digest(x_api_key)
    for known, user in USERS_BY_DIGEST.items():
        if secrets.compare_digest(known, sent):  # constant time
            return user
    raise HTTPException(401, "unknown API key", headers=CHALLENGE)


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
