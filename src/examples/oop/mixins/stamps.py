"""Two mixins: timestamps and soft deletion, in timezone-aware UTC.

>>> from pydantic import BaseModel
>>> class Note(TimestampMixin, BaseModel):
...     text: str
>>> note = Note(text="hello")
>>> note.touch()
>>> note.updated_at >= note.created_at and note.updated_at.tzinfo is UTC
True
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import Field


def utc_now() -> datetime:
    """The current time as an aware datetime in UTC."""
    return datetime.now(UTC)


class TimestampMixin:
    """When an object was created and last changed."""

    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)

    def touch(self) -> None:
        self.updated_at = utc_now()


class SoftDeleteMixin:
    """Deletion as a mark: the data stays, marked with when it went."""

    deleted_at: datetime | None = None

    def soft_delete(self) -> None:
        self.deleted_at = utc_now()

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
