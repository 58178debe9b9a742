"""Cooperative ``super()``: every class in a diamond runs exactly once.

>>> shop = Shop(name="shop", database_url="sqlite:///shop.db", cache_size=8)
>>> shop.health()["cache"]
'8 entries'
"""

from __future__ import annotations

from typing import Any


class Service:
    """The root of the chain: it takes what is left and calls no one."""

    def __init__(self, *, name: str) -> None:
        self.name = name

    def health(self) -> dict[str, str]:
        return {"service": self.name}


class WithDatabase(Service):
    """A service that owns a database connection string."""

    def __init__(self, *, database_url: str, **rest: Any) -> None:
        self.database_url = database_url
        super().__init__(**rest)

    def health(self) -> dict[str, str]:
        scheme = self.database_url.partition(":")[0]
        return {**super().health(), "database": scheme}


class WithCache(Service):
    """A service that keeps a bounded cache."""

    def __init__(self, *, cache_size: int, **rest: Any) -> None:
        self.cache_size = cache_size
        super().__init__(**rest)

    def health(self) -> dict[str, str]:
        return {**super().health(), "cache": f"{self.cache_size} entries"}


class Shop(WithDatabase, WithCache):
    """Both features; one call runs every ``__init__`` once, in MRO order."""
