"""The item the repositories store: a plain, immutable user."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class User:
    """A user; ``id`` is None until a repository has stored it."""

    email: str
    name: str
    id: int | None = None
