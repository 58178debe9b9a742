"""Exercise 1.3.3-3: a public view of a stored row.

Define ``UserRow`` and ``PublicUser`` (TypedDicts), then ``public``.
"""

from typing import Any


def public(row: Any) -> Any:
    """The row without the email and the password hash."""
    raise NotImplementedError("exercise 1.3.3-3")
