"""Solution to exercise 1.2.4-4: sign-up without mass assignment."""

import hashlib
import secrets
from datetime import UTC, datetime

from fastapi import FastAPI
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class UserIn(BaseModel):
    """What a client sends: its email and a password, nothing more."""

    model_config = ConfigDict(extra="forbid")

    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    password: str = Field(min_length=12)


class UserOut(BaseModel):
    """What the server answers: never the password or its hash."""

    id: int
    email: str
    created_at: AwareDatetime


def password_hash(password: str, salt: bytes) -> bytes:
    """scrypt (RFC 7914), n=2**14, r=8, p=1: 16 MiB of memory a hash."""
    return hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)


def create_app() -> FastAPI:
    """``POST /users`` signs a user up; the server owns id and time."""
    app = FastAPI(title="Users")
    rows: list[dict[str, object]] = []

    @app.post("/users", status_code=201, response_model=UserOut)
    def sign_up(user: UserIn) -> dict[str, object]:
        salt = secrets.token_bytes(16)
        row: dict[str, object] = {
            "id": len(rows) + 1,
            "email": user.email,
            "salt": salt,
            "password_hash": password_hash(user.password, salt),
            "created_at": datetime.now(UTC),
        }
        rows.append(row)
        return row  # response_model keeps only UserOut's fields

    return app
