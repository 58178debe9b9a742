"""A wrong answer to exercise 1.2.1-3: a dataclass's generated repr."""

from dataclasses import dataclass


@dataclass
class DatabaseConfig:
    """Its ``repr`` shows every field, the password included."""

    url: str
    password: str
