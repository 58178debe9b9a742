"""Rejected by mypy: a field that pydantic collects from a plain mixin."""

from datetime import UTC, datetime

from pydantic import BaseModel, Field


class PlainTimestamps:
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))


class Note(PlainTimestamps, BaseModel):
    text: str


note = Note(text="x", created_at=datetime.now(UTC))
