"""Separate input and output models: server-owned fields stay server-owned.

>>> from fastapi.testclient import TestClient
>>> client = TestClient(create_app())
>>> body = {"email": "a@example.com", "name": "A"}
>>> client.post("/users", json=body).status_code
201
"""

from __future__ import annotations

from fastapi import FastAPI, HTTPException, Response
from pydantic import BaseModel, ConfigDict

from examples.oop.mixins.stamps import SoftDeleteMixin, TimestampMixin


class UserCreate(BaseModel):
    """What a client may send: its own fields, and nothing else."""

    model_config = ConfigDict(extra="forbid")

    email: str
    name: str


class UserRead(TimestampMixin, SoftDeleteMixin, UserCreate):
    """What the server keeps and shows: the input plus its own fields."""

    id: int


def create_app() -> FastAPI:
    app = FastAPI(title="Users, two models")
    users: dict[int, UserRead] = {}

    def find(user_id: int) -> UserRead:
        user = users.get(user_id)
        if user is None or user.is_deleted:
            raise HTTPException(status_code=404, detail="no such user")
        return user

    @app.post("/users", status_code=201)
    def create_user(new: UserCreate) -> UserRead:
        user = UserRead(id=len(users) + 1, **new.model_dump())
        users[user.id] = user
        return user

    @app.get("/users/{user_id}")
    def read_user(user_id: int) -> UserRead:
        return find(user_id)

    @app.delete("/users/{user_id}", status_code=204)
    def delete_user(user_id: int) -> Response:
        user = find(user_id)
        user.soft_delete()
        user.touch()
        return Response(status_code=204)

    @app.get("/users")
    def active_users() -> list[UserRead]:
        return [user for user in users.values() if not user.is_deleted]

    return app
