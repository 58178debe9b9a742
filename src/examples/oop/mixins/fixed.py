"""Input and output models share a base of public fields, and nothing else.

>>> from fastapi.testclient import TestClient
>>> client = TestClient(create_app())
>>> body = {"email": "a@example.com", "name": "A", "password": "x" * 12}
>>> client.post("/users", json=body).status_code
201
"""

from __future__ import annotations

import hashlib
import secrets
import threading

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, SecretStr

from examples.oop.mixins.stamps import SoftDeleteMixin, TimestampMixin


class UserFields(BaseModel):
    """The fields a client may set and anyone may read."""

    email: str
    name: str


class UserCreate(UserFields):
    """What a client sends: the public fields plus write-only ones."""

    model_config = ConfigDict(extra="forbid")

    password: SecretStr = Field(min_length=12)


class UserRead(TimestampMixin, SoftDeleteMixin, UserFields):
    """What the server shows: the public fields plus its own."""

    id: int


# OWASP's Password Storage Cheat Sheet minimum for scrypt; N = 2**17 with
# r = 8 needs 128 MiB (128 * r * N bytes), above OpenSSL's default 32 MB.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
SCRYPT_MAXMEM = 2**28
# def endpoints share AnyIO's pool of 40 threads, and scrypt releases the
# GIL: 40 sign-ups at once would ask for 5 GiB. Four at a time: 512 MiB.
HASHES_AT_ONCE = 4
hashing = threading.BoundedSemaphore(HASHES_AT_ONCE)


def hash_password(password: SecretStr) -> str:
    """A salted scrypt hash, stored with its parameters; never the password."""
    salt = secrets.token_bytes(16)
    with hashing:  # the others wait for a turn instead of for memory
        key = hashlib.scrypt(
            password.get_secret_value().encode(),
            salt=salt,
            n=SCRYPT_N,
            r=SCRYPT_R,
            p=SCRYPT_P,
            maxmem=SCRYPT_MAXMEM,
        )
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${key.hex()}"


def verify_password(password: SecretStr, stored: str) -> bool:
    """Recompute with the stored parameters; compare in constant time."""
    name, n, r, p, salt, key = stored.split("$")
    with hashing:
        again = hashlib.scrypt(
            password.get_secret_value().encode(),
            salt=bytes.fromhex(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=SCRYPT_MAXMEM,
        )
    return name == "scrypt" and secrets.compare_digest(again.hex(), key)


async def hide_rejected_input(
    request: Request, exc: Exception
) -> JSONResponse:
    """FastAPI's 422, without the ``input`` key that echoes the body."""
    if not isinstance(exc, RequestValidationError):  # narrows; survives -O
        raise exc
    errors = [
        {key: value for key, value in error.items() if key != "input"}
        for error in exc.errors()
    ]
    return JSONResponse(
        status_code=422, content={"detail": jsonable_encoder(errors)}
    )


def create_app() -> FastAPI:
    app = FastAPI(title="Users, two models")
    app.add_exception_handler(RequestValidationError, hide_rejected_input)
    users: dict[int, UserRead] = {}
    password_hashes: dict[int, str] = {}
    # def endpoints run in a thread pool: choosing an id and storing the
    # user must be one step, or two sign-ups can get the same id.
    adding = threading.Lock()

    def find(user_id: int) -> UserRead:
        user = users.get(user_id)
        if user is None or user.is_deleted:
            raise HTTPException(status_code=404, detail="no such user")
        return user

    @app.post("/users", status_code=201)
    def create_user(new: UserCreate) -> UserRead:
        public = new.model_dump(include=set(UserFields.model_fields))
        password_hash = hash_password(new.password)
        with adding:
            user = UserRead(id=len(users) + 1, **public)
            users[user.id] = user
            password_hashes[user.id] = password_hash
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
