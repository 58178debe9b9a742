"""Solution to exercise 1.2.4-4: sign-up without mass assignment."""

import hashlib
import secrets
import threading
from datetime import UTC, datetime

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, SecretStr


class UserIn(BaseModel):
    """What a client sends: its email and a password, nothing more."""

    model_config = ConfigDict(extra="forbid")

    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    # SecretStr: a log line or a traceback of the model shows asterisks.
    password: SecretStr = Field(min_length=12)


class UserOut(BaseModel):
    """What the server answers: never the password or its hash."""

    id: int
    email: str
    created_at: AwareDatetime


def password_hash(password: str, salt: bytes) -> bytes:
    """scrypt (RFC 7914), n=2**14, r=8, p=1: a teaching value.

    16 MiB a hash keeps the checks fast; OWASP's password storage cheat
    sheet asks for at least n=2**17 (128 MiB: pass ``maxmem=2**28``).
    """
    return hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)


async def refuse_without_input(
    request: Request, exc: Exception
) -> JSONResponse:
    """A 422 that names the field and the rule, never the value sent."""
    if not isinstance(exc, RequestValidationError):  # registered for it
        raise TypeError(f"unexpected {type(exc).__name__}")
    errors = [
        {k: v for k, v in error.items() if k != "input"}
        for error in exc.errors()
    ]
    return JSONResponse(
        status_code=422, content=jsonable_encoder({"detail": errors})
    )


def create_app(rows: list[dict[str, object]]) -> FastAPI:
    """``POST /users`` signs a user up into ``rows``; ids are the server's."""
    app = FastAPI(title="Users")
    app.add_exception_handler(RequestValidationError, refuse_without_input)
    lock = threading.Lock()  # def endpoints run in a pool of threads

    @app.post("/users", status_code=201, response_model=UserOut)
    def sign_up(user: UserIn) -> dict[str, object]:
        salt = secrets.token_bytes(16)
        digest = password_hash(
            user.password.get_secret_value(), salt
        )  # slow: outside the lock
        with lock:  # read the next id and store the row as one step
            row: dict[str, object] = {
                "id": len(rows) + 1,
                "email": user.email,
                "salt": salt,
                "password_hash": digest,
                "created_at": datetime.now(UTC),
            }
            rows.append(row)
        return row  # response_model keeps only UserOut's fields

    return app
