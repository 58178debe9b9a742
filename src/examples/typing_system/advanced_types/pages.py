"""A generic pydantic model as a FastAPI response model."""

from typing import Annotated, Generic, TypeVar

from fastapi import FastAPI, Query
from pydantic import BaseModel

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of any kind of item."""

    items: list[T]
    total: int
    page: int
    size: int


class UserOut(BaseModel):
    """What clients may see of a user."""

    id: int
    name: str


class UserRecord(UserOut):
    """What the server stores: more than clients may see."""

    internal_note: str


USERS = [
    UserRecord(id=1, name="Ada", internal_note="founder"),
    UserRecord(id=2, name="Grace", internal_note="on leave"),
    UserRecord(id=3, name="Linus", internal_note="VIP"),
]

app = FastAPI(title="Pages")


@app.get("/users", response_model=Page[UserOut])
def list_users(
    page: Annotated[int, Query(ge=1)] = 1,
    size: Annotated[int, Query(ge=1, le=50)] = 2,
) -> Page[UserRecord]:
    """Stored records, one page at a time; the response model filters them."""
    start = (page - 1) * size
    return Page[UserRecord](
        items=USERS[start : start + size],
        total=len(USERS),
        page=page,
        size=size,
    )
