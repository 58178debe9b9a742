"""An exception hierarchy: one handler serves a whole family of errors.

>>> issubclass(UserNotFoundError, AppError)
True
>>> UserNotFoundError(7).status_code
404
"""

from __future__ import annotations

from typing import ClassVar


class AppError(Exception):
    """The root of the application's own errors; each knows its status."""

    status_code: ClassVar[int] = 500
    code: ClassVar[str] = "internal_error"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFoundError(AppError):
    """Something the client asked for does not exist."""

    status_code = 404
    code = "not_found"


class UserNotFoundError(NotFoundError):
    """A user id that matches no user."""

    code = "user_not_found"

    def __init__(self, user_id: int) -> None:
        super().__init__(f"no user with id {user_id}")
        self.user_id = user_id


class ConflictError(AppError):
    """The request contradicts the current state."""

    status_code = 409
    code = "conflict"
