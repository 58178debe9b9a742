"""Tests for src/examples/oop/mixins/tables.py, on a real SQLite file."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import DateTime, Engine, create_engine, select, text
from sqlalchemy.exc import StatementError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from examples.oop.mixins.tables import Base, Post, UTCDateTime


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = create_engine(f"sqlite:///{tmp_path / 'posts.db'}")
    Base.metadata.create_all(engine)
    yield engine
    engine.dispose()


def test_the_mixins_columns_are_copied_into_the_table() -> None:
    names = [column.name for column in Post.__table__.columns]
    assert names == ["id", "title", "created_at", "updated_at", "deleted_at"]
    assert Post.__table__.c.deleted_at.nullable is True
    assert Post.__table__.c.created_at.nullable is False


def test_times_come_back_aware_in_utc(engine: Engine) -> None:
    with Session(engine) as session:
        post = Post(title="Hello")
        session.add(post)
        session.commit()
        post_id = post.id
    with Session(engine) as session:
        post = session.get_one(Post, post_id)
        assert post.created_at.tzinfo is UTC
        assert post.updated_at.tzinfo is UTC
        assert post.deleted_at is None
        assert abs(datetime.now(UTC) - post.created_at) < timedelta(minutes=1)


def test_other_time_zones_are_stored_as_utc(engine: Engine) -> None:
    paris_summer = timezone(timedelta(hours=2))
    local = datetime(2026, 7, 1, 14, 0, tzinfo=paris_summer)
    with Session(engine) as session:
        session.add(Post(id=1, title="t", created_at=local))
        session.commit()
        raw = session.scalar(text("SELECT created_at FROM posts"))
        assert raw == "2026-07-01 12:00:00.000000"
    with Session(engine) as session:
        loaded = session.get_one(Post, 1).created_at
        assert loaded == local
        assert loaded == datetime(2026, 7, 1, 12, 0, tzinfo=UTC)


def test_soft_delete_and_onupdate(engine: Engine) -> None:
    with Session(engine) as session:
        post = Post(title="Hello")
        session.add(post)
        session.commit()
        created, updated = post.created_at, post.updated_at
        post.soft_delete()
        session.commit()
        assert post.deleted_at is not None
        assert post.deleted_at.tzinfo is UTC
        assert post.updated_at >= updated
        assert post.created_at == created
        live = select(Post).where(Post.deleted_at.is_(None))
        assert session.scalars(live).all() == []


def test_naive_datetimes_are_refused(engine: Engine) -> None:
    with Session(engine) as session:
        session.add(Post(title="t", created_at=datetime(2026, 1, 1)))  # noqa: DTZ001
        with pytest.raises(StatementError) as caught:
            session.commit()
        assert isinstance(caught.value.orig, ValueError)
        assert str(caught.value.orig) == (
            "naive datetime 2026-01-01 00:00:00: give it a time zone"
        )


def test_the_decorator_passes_none_both_ways() -> None:
    column = UTCDateTime()
    dialect = create_engine("sqlite://").dialect
    assert column.process_bind_param(None, dialect) is None
    assert column.process_result_value(None, dialect) is None


def test_without_the_decorator_sqlite_gives_back_naive_times() -> None:
    class Scratch(DeclarativeBase):
        pass

    class Event(Scratch):
        __tablename__ = "events"
        id: Mapped[int] = mapped_column(primary_key=True)
        at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    engine = create_engine("sqlite://")
    try:
        Scratch.metadata.create_all(engine)
        with Session(engine) as session:
            session.add(Event(id=1, at=datetime.now(UTC)))
            session.commit()
            assert session.get_one(Event, 1).at.tzinfo is None
    finally:
        engine.dispose()


def test_a_new_row_has_one_timestamp(engine: Engine) -> None:
    paris = timezone(timedelta(hours=2))
    given = datetime(2026, 7, 1, 14, 0, tzinfo=paris)
    with Session(engine) as session:
        fresh, dated = Post(title="a"), Post(title="b", created_at=given)
        session.add_all([fresh, dated])
        session.commit()
        assert fresh.updated_at == fresh.created_at
        assert dated.updated_at == dated.created_at == given


def test_stored_digits_are_utc_whatever_the_local_zone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        dialect = create_engine("sqlite://").dialect
        paris = datetime(
            2026, 7, 1, 14, 0, tzinfo=timezone(timedelta(hours=2))
        )
        stored = UTCDateTime().process_bind_param(paris, dialect)
        assert stored == datetime(2026, 7, 1, 12, 0)  # noqa: DTZ001
    finally:
        monkeypatch.undo()
        time.tzset()
