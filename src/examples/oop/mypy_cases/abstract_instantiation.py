"""Rejected by mypy: instantiating a class with an abstract method left."""

from examples.oop.abstract_classes.repository import UserRepository
from examples.oop.abstract_classes.users import User


class HalfDone(UserRepository):
    async def add(self, item: User) -> User:
        return item

    async def get(self, item_id: int) -> User | None:
        return None

    async def list_all(self) -> list[User]:
        return []

    async def by_email(self, email: str) -> User | None:
        return None


repo = HalfDone()
