"""Duck typing that a type checker understands: ``Protocol``."""

from typing import Protocol, runtime_checkable


@runtime_checkable
class Cacheable(Protocol):
    """Anything that can be stored in the cache."""

    def cache_key(self) -> str: ...

    def to_dict(self) -> dict[str, object]: ...


class UserDTO:
    """A user; it satisfies ``Cacheable`` without naming it."""

    def __init__(self, user_id: int, name: str) -> None:
        self.user_id = user_id
        self.name = name

    def cache_key(self) -> str:
        return f"user:{self.user_id}"

    def to_dict(self) -> dict[str, object]:
        return {"id": self.user_id, "name": self.name}


def cache_object(obj: Cacheable, store: dict[str, dict[str, object]]) -> str:
    """Store ``obj`` under its own key; return the key."""
    key = obj.cache_key()
    store[key] = obj.to_dict()
    return key
