"""Test doubles: the same roles as the real parts, with no side effects."""

from __future__ import annotations

from examples.oop.composition.users import EmailTakenError, User


class InMemoryUsers:
    """Users in a dictionary: fast, and gone when the object is."""

    def __init__(self) -> None:
        self.rows: dict[int, User] = {}

    def add(self, email: str, name: str) -> User:
        if self.by_email(email) is not None:  # as the unique constraint does
            raise EmailTakenError(f"{email} is already registered")
        user = User(id=len(self.rows) + 1, email=email, name=name)
        self.rows[user.id] = user
        return user

    def get(self, user_id: int) -> User | None:
        return self.rows.get(user_id)

    def by_email(self, email: str) -> User | None:
        return next((u for u in self.rows.values() if u.email == email), None)


class RecordingNotifier:
    """Remembers what it was asked to send, and sends nothing."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def notify(self, user: User, text: str) -> None:
        self.sent.append((user.email, text))
