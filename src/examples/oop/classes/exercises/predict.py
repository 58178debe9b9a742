"""Exercises 1.2.1-1 and 1.2.1-2: class attributes and private names."""


class Counter:
    """Counts hits."""

    count = 0

    def hit(self) -> None:
        """Add one hit."""
        self.count += 1


class Vault:
    """Keeps a secret under a private name."""

    def __init__(self, secret: str) -> None:
        self.__secret = secret

    def matches(self, guess: str) -> bool:
        """Whether ``guess`` is the secret."""
        return guess == self.__secret
