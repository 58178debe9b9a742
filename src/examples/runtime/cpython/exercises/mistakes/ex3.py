"""A wrong answer to exercise 1.1.1-3: it decides with ``assert``."""

from fastapi import HTTPException, status


def ensure_admin(role: str | None) -> None:
    """Refuses guests, but only while ``assert`` statements run."""
    try:
        assert role == "admin"
    except AssertionError:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admins only") from None
