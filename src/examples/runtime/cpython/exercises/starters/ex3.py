"""Exercise 1.1.1-3: a permission check that ``-O`` keeps."""


def ensure_admin(role: str | None) -> None:
    """Refuse (403) every caller whose role is not ``"admin"``."""
    raise NotImplementedError("exercise 1.1.1-3")
