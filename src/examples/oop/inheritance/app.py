"""One exception handler for a family of errors, found through the MRO.

>>> from fastapi.testclient import TestClient
>>> TestClient(create_app()).get("/users/1").json()
{'id': 1, 'name': 'ada', 'locked': False}
"""

from __future__ import annotations

import logging
import threading

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError

from examples.oop.inheritance.db_errors import db_failure
from examples.oop.inheritance.errors import (
    AppError,
    ConflictError,
    UserNotFoundError,
)

NAMES = {1: "ada", 2: "grace"}
logger = logging.getLogger(__name__)


class UserOut(BaseModel):
    """A user as the API shows it."""

    id: int
    name: str
    locked: bool


async def app_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Turn any AppError into a JSON response with the error's status."""
    if not isinstance(exc, AppError):  # narrows the type; survives -O
        raise exc
    detail = exc.detail
    if exc.status_code >= 500:
        # A server error's detail is for the log: it may name internals.
        logger.error("%s: %s", exc.code, exc.detail)
        detail = "internal error"
    return JSONResponse(
        status_code=exc.status_code,
        content={"code": exc.code, "detail": detail},
    )


async def db_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """Log an uncaught database error by class and statement, answer 500.

    Without it the server logs the traceback, whose last line is str(exc),
    the driver's message included.
    """
    if not isinstance(exc, DBAPIError):  # narrows the type; survives -O
        raise exc
    logger.error("%s", db_failure(exc))
    return JSONResponse(
        status_code=500,
        content={"code": "internal_error", "detail": "internal error"},
    )


def create_app() -> FastAPI:
    """An application whose endpoints raise errors and never build them."""
    app = FastAPI(title="Errors")
    app.add_exception_handler(AppError, app_error_handler)
    # One handler for every driver error: IntegrityError, DataError, ...
    app.add_exception_handler(DBAPIError, db_error_handler)
    locked: set[int] = set()
    # def endpoints run in a thread pool: check-then-add needs a lock.
    locking = threading.Lock()

    def find(user_id: int) -> UserOut:
        if user_id not in NAMES:
            raise UserNotFoundError(user_id)
        return UserOut(
            id=user_id, name=NAMES[user_id], locked=user_id in locked
        )

    @app.get("/users/{user_id}")
    def read_user(user_id: int) -> UserOut:
        return find(user_id)

    @app.post("/users/{user_id}/lock")
    def lock_user(user_id: int) -> UserOut:
        with locking:
            if find(user_id).locked:
                raise ConflictError(f"user {user_id} is already locked")
            locked.add(user_id)
        return find(user_id)

    return app
