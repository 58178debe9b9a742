"""A typical wrong answer to exercise 1.2.2-3: every detail is echoed.

The handler answers each error with ``str(exc)``, so a bare ``AppError``
(status 500) hands the client whatever its message names, such as an
internal host. ``check_a_server_error_hides_its_message`` fails on it.
"""

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from examples.oop.inheritance.exercises.ex3 import (
    AppError,
    ConflictError,
    NotFoundError,
    OrderNotFoundError,
)

__all__ = [
    "AppError",
    "ConflictError",
    "NotFoundError",
    "OrderNotFoundError",
    "install_handlers",
]


async def app_error(request: Request, exc: Exception) -> JSONResponse:
    """The mistake: the detail goes to the client whatever the status."""
    if not isinstance(exc, AppError):  # registered for AppError only
        raise TypeError(f"unexpected {type(exc).__name__}")
    return JSONResponse(
        {"code": exc.code, "detail": str(exc)}, status_code=exc.status_code
    )


def install_handlers(app: FastAPI) -> None:
    """Answer every ``AppError`` with its status, code and message."""
    app.add_exception_handler(AppError, app_error)
