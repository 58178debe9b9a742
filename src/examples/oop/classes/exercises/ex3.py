"""Solution to exercise 1.2.1-3: a ``__repr__`` that keeps a secret."""


class DatabaseConfig:
    """Where the database is, and the password to reach it."""

    def __init__(self, url: str, password: str) -> None:
        self.url = url
        self.password = password

    def __repr__(self) -> str:
        return f"DatabaseConfig(url={self.url!r}, password='***')"
