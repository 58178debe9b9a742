"""The same two mixins for SQLAlchemy tables, with UTC that survives SQLite.

>>> [column.name for column in Post.__table__.columns]
['id', 'title', 'created_at', 'updated_at', 'deleted_at']
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, Dialect, String, TypeDecorator
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from examples.oop.mixins.stamps import utc_now


class UTCDateTime(TypeDecorator[datetime]):
    """Store aware datetimes as UTC; load them back aware, in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value}: give it a time zone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """The registry of this example's tables."""


# The library reads this signature to decide what to pass; mutation
# testing (make mutants) must not wrap the function.
# pragma: no mutate start
def created_at_of_row(context: DefaultExecutionContext) -> datetime:
    """The row's own creation time: a new row has one timestamp."""
    # SQLAlchemy 2.1 leaves this documented method unannotated.
    row = context.get_current_parameters()  # type: ignore[no-untyped-call]
    created: datetime = row["created_at"]
    return created


# pragma: no mutate end


class TimestampColumns:
    """Creation and update times, set by the application in UTC."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=created_at_of_row, onupdate=utc_now
    )


class SoftDeleteColumns:
    """A deletion mark instead of a DELETE."""

    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def soft_delete(self) -> None:
        self.deleted_at = utc_now()


class Post(TimestampColumns, SoftDeleteColumns, Base):
    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
