"""Solution to exercise 1.1.1-3: a permission check that ``-O`` keeps."""

from fastapi import HTTPException, status


def ensure_admin(role: str | None) -> None:
    """Refuse (403) every caller whose role is not ``"admin"``."""
    if role != "admin":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admins only")
