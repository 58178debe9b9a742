"""Exercises 1.2.5-1 and 1.2.5-2: when an ABC checks, and when not."""

from abc import ABC, abstractmethod


class Notifier(ABC):
    """Sends a message to a user."""

    @abstractmethod
    def send(self, user_id: int, text: str) -> None:
        """Deliver ``text`` to the user."""


class Half(Notifier):
    """Forgot ``send``."""


class Plain:
    """Has no ``send`` either, and does not inherit from ``Notifier``."""
