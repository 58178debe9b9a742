"""Solution to exercise 1.2.2-3: errors that carry their HTTP answer."""

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

logger = logging.getLogger(__name__)


class AppError(Exception):
    """An error the application reports; subclasses say how."""

    status_code = 500
    code = "internal"


class NotFoundError(AppError):
    """Something asked for does not exist."""

    status_code = 404
    code = "not_found"


class OrderNotFoundError(NotFoundError):
    """No order has the requested number."""

    code = "order_not_found"


class ConflictError(AppError):
    """The request contradicts the current state."""

    status_code = 409
    code = "conflict"


async def app_error(request: Request, exc: Exception) -> JSONResponse:
    """One handler for the whole hierarchy."""
    if not isinstance(exc, AppError):  # registered for AppError only
        raise TypeError(f"unexpected {type(exc).__name__}")
    detail = str(exc)
    if exc.status_code >= 500:
        # A server error's message is for the log: it may name internals.
        logger.error("%s: %s", exc.code, detail)
        detail = "internal error"
    return JSONResponse(
        {"code": exc.code, "detail": detail}, status_code=exc.status_code
    )


def install_handlers(app: FastAPI) -> None:
    """Answer every ``AppError`` (and subclass) with its status and code."""
    app.add_exception_handler(AppError, app_error)
