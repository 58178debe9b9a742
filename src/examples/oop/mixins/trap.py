"""One model for input, storage and output: a client can delete by posting.

>>> from fastapi.testclient import TestClient
>>> client = TestClient(create_app())
>>> body = {"email": "a@example.com", "name": "A"}
>>> client.post("/users", json=body).json()["deleted_at"] is None
True
"""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel

from examples.oop.mixins.stamps import SoftDeleteMixin, TimestampMixin


class User(TimestampMixin, SoftDeleteMixin, BaseModel):
    """A user, with the mixins' fields merged in by pydantic."""

    id: int = 0
    email: str
    name: str


def create_app() -> FastAPI:
    app = FastAPI(title="Users, one model")
    users: dict[int, User] = {}

    @app.post("/users", status_code=201)
    def create_user(user: User) -> User:
        user.id = len(users) + 1  # racy in a thread pool: see fixed.py
        users[user.id] = user
        return user

    @app.get("/users")
    def active_users() -> list[User]:
        return [user for user in users.values() if not user.is_deleted]

    return app
