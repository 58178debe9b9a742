"""A small user API whose parameters are checked by their annotations."""

from typing import Annotated

from fastapi import FastAPI, HTTPException, Path, Query
from pydantic import BaseModel

app = FastAPI(title="Users")


class UserOut(BaseModel):
    """A user as the API shows it."""

    id: int
    name: str
    tags: list[str]


USERS: dict[int, UserOut] = {
    1: UserOut(id=1, name="Ada", tags=["admin", "staff"]),
    2: UserOut(id=2, name="Grace", tags=["staff"]),
}


@app.get("/users/{user_id}")
def read_user(user_id: int) -> UserOut:
    """Return one user; FastAPI turns the path segment into an ``int``."""
    user = USERS.get(user_id)
    if user is None:
        raise HTTPException(status_code=404, detail="user not found")
    return user


@app.get("/users/{user_id}/tags")
def read_tags(
    user_id: Annotated[int, Path(ge=1, description="A user id, from 1")],
) -> list[str]:
    """One user's tags; ids below 1 are refused before the function runs."""
    return read_user(user_id).tags


@app.get("/users")
def list_users(
    tag: Annotated[list[str], Query(default_factory=list)],
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> list[UserOut]:
    """At most ``limit`` users having every ``tag`` (``?tag=a&tag=b``)."""
    found = [u for u in USERS.values() if set(tag) <= set(u.tags)]
    return found[:limit]


@app.get("/tag-counts")
def tag_counts(tag: list[str]) -> dict[str, int]:
    """A list parameter without ``Query``: FastAPI expects a request body."""
    return {t: sum(t in u.tags for u in USERS.values()) for t in tag}
