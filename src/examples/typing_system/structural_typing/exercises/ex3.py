"""Solution to exercise 1.3.3-3: a public view of a stored row."""

from typing import NotRequired, TypedDict


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
    """The row without the email and the password hash."""
    user: PublicUser = {"id": row["id"]}
    if "nickname" in row:
        user["nickname"] = row["nickname"]
    return user
