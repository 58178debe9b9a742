"""Exercise 1.1.1-1: an ``assert`` used as a check."""


def checked_discount(percent: int) -> int:
    """Return ``percent`` if it is a valid discount."""
    assert 0 <= percent <= 100, "percent out of range"
    return percent
