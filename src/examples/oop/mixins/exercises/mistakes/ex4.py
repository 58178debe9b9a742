"""A wrong answer to exercise 1.2.4-4: one model for input and output."""

from datetime import UTC, datetime

from fastapi import FastAPI
from pydantic import BaseModel


class User(BaseModel):
    """Accepts ``id`` and ``is_admin`` from a client; echoes the password."""

    id: int = 0
    email: str
    password: str
    is_admin: bool = False
    created_at: datetime | None = None


def create_app(rows: list[dict[str, object]]) -> FastAPI:
    """``POST /users`` stores and returns whatever the client sent."""
    app = FastAPI(title="Users")

    @app.post("/users", status_code=201)
    def sign_up(user: User) -> User:
        user.id = user.id or len(rows) + 1
        user.created_at = user.created_at or datetime.now(UTC)
        rows.append(user.model_dump())  # the password in plain text
        return user

    return app
