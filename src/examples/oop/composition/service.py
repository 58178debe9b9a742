"""A service composed of the parts it needs, each passed in."""

from __future__ import annotations

from typing import Protocol

from examples.oop.composition.users import EmailTakenError, User

__all__ = ["EmailTakenError", "Notifier", "UserService", "UserStore"]


class UserStore(Protocol):
    """What the service needs from a place that keeps users."""

    def add(self, email: str, name: str) -> User:
        """Store a new user; raise EmailTakenError if the email is taken."""
        ...

    def get(self, user_id: int) -> User | None: ...
    def by_email(self, email: str) -> User | None: ...


class Notifier(Protocol):
    """What the service needs from a way to reach a user."""

    def notify(self, user: User, text: str) -> None: ...


class UserService:
    """Registration rules, written against roles rather than classes."""

    def __init__(self, users: UserStore, notifier: Notifier) -> None:
        self.users = users
        self.notifier = notifier

    def register(self, email: str, name: str) -> User:
        # A friendly early answer; the store's unique constraint is the
        # guarantee, since another request can register between the two.
        if self.users.by_email(email) is not None:
            raise EmailTakenError(f"{email} is already registered")
        user = self.users.add(email, name)
        self.notifier.notify(user, f"Welcome, {user.name}!")
        return user

    def find(self, user_id: int) -> User | None:
        return self.users.get(user_id)
