"""Replacing ``Any`` with a checked type at the edge of the program."""

from pydantic import BaseModel


class UserPayload(BaseModel):
    """The part of the payload the program uses."""

    name: str


class Payload(BaseModel):
    """The JSON document ``{"user": {"name": ...}}``."""

    user: UserPayload


def user_name(text: str) -> str:
    """The user's name from a JSON document, validated on the way in."""
    return Payload.model_validate_json(text).user.name


def shout(value: object) -> str:
    """Upper-case a string; anything else is refused, visibly."""
    if isinstance(value, str):
        return value.upper()
    raise TypeError(f"expected a str, got {type(value).__name__}")
