"""The repository contract: abstract methods, and one concrete helper.

>>> Repository.__abstractmethods__ == {"add", "get", "list_all", "remove"}
True
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Generic, TypeVar

from examples.oop.abstract_classes.users import User

T = TypeVar("T")


class ItemNotFoundError(LookupError):
    """No item has the id that was asked for."""


class Repository(ABC, Generic[T]):
    """Stores items of type T under integer ids, however it stores them."""

    @abstractmethod
    async def add(self, item: T) -> T:
        """Store a new item and return it as stored, with its id."""

    @abstractmethod
    async def get(self, item_id: int) -> T | None:
        """The item with this id, or None."""

    @abstractmethod
    async def list_all(self) -> list[T]:
        """Every item, in the order they were added."""

    @abstractmethod
    async def remove(self, item_id: int) -> bool:
        """Delete an item; report whether there was one."""

    async def get_or_raise(self, item_id: int) -> T:
        """Like ``get``, but a missing item is an error."""
        item = await self.get(item_id)
        if item is None:
            raise ItemNotFoundError(f"no item with id {item_id}")
        return item


class UserRepository(Repository[User]):
    """Users, which can also be looked up by email address."""

    @abstractmethod
    async def by_email(self, email: str) -> User | None:
        """The first user with exactly this address, or None."""
