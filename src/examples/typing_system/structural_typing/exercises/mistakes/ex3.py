"""A wrong answer to exercise 1.3.3-3: a cast instead of a copy."""

from typing import NotRequired, TypedDict, cast


class UserRow(TypedDict):
    """A row of the users table, as the database driver returns it."""

    id: int
    email: str
    password_hash: str
    nickname: NotRequired[str]


class PublicUser(TypedDict):
    """What any client may see of a user."""

    id: int
    nickname: NotRequired[str]


def public(row: UserRow) -> PublicUser:
    """The type says public; the dict still holds every key."""
    return cast(PublicUser, row)
