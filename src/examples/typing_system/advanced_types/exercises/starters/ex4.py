"""Exercise 1.3.2-4: PATCH that tells "absent" from null."""

from fastapi import FastAPI
from pydantic import BaseModel


class Profile(BaseModel):
    """A user's profile."""

    nickname: str | None
    bio: str | None


def create_app() -> FastAPI:
    """``GET /profile`` and ``PATCH /profile``."""
    raise NotImplementedError("exercise 1.3.2-4")
