"""The contract kept in a dictionary: for tests, demos and prototypes."""

from __future__ import annotations

from dataclasses import replace

from examples.oop.abstract_classes.repository import UserRepository
from examples.oop.abstract_classes.users import User


class InMemoryUserRepository(UserRepository):
    """Users in a dict, keyed by id; ids are never reused."""

    def __init__(self) -> None:
        self._users: dict[int, User] = {}
        self._last_id = 0

    async def add(self, item: User) -> User:
        self._last_id += 1
        stored = replace(item, id=self._last_id)
        self._users[self._last_id] = stored
        return stored

    async def get(self, item_id: int) -> User | None:
        return self._users.get(item_id)

    async def list_all(self) -> list[User]:
        return list(self._users.values())

    async def remove(self, item_id: int) -> bool:
        return self._users.pop(item_id, None) is not None

    async def by_email(self, email: str) -> User | None:
        matches = (u for u in self._users.values() if u.email == email)
        return next(matches, None)
