"""Tests for src/examples/oop/mixins/stamps.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import BaseModel

from examples.oop.mixins.stamps import SoftDeleteMixin, TimestampMixin, utc_now


class Note(TimestampMixin, SoftDeleteMixin, BaseModel):
    text: str


def test_utc_now_is_aware_and_current() -> None:
    now = utc_now()
    assert now.tzinfo is UTC
    assert abs(datetime.now(UTC) - now) < timedelta(seconds=5)


def test_each_object_gets_its_own_creation_time() -> None:
    first = Note(text="a")
    second = Note(text="b")
    assert first.created_at <= second.created_at
    assert first.created_at is not second.created_at
    assert first.created_at.tzinfo is UTC


def test_touch_and_soft_delete() -> None:
    note = Note(text="a")
    before = note.updated_at
    assert not Note(text="b").is_deleted
    assert note.model_dump()["deleted_at"] is None
    note.soft_delete()
    note.touch()
    assert note.is_deleted
    deleted_at = note.deleted_at
    assert deleted_at is not None
    assert deleted_at.tzinfo is UTC
    assert note.updated_at >= deleted_at >= note.created_at
    assert note.updated_at >= before


def test_pydantic_collects_plain_mixin_annotations_as_fields() -> None:
    assert list(Note.model_fields) == [
        "deleted_at",
        "created_at",
        "updated_at",
        "text",
    ]
    assert Note.__mro__ == (
        Note,
        TimestampMixin,
        SoftDeleteMixin,
        BaseModel,
        object,
    )


def test_naive_and_aware_times_do_not_compare() -> None:
    with pytest.raises(TypeError, match="offset-naive and offset-aware"):
        _ = datetime.now() < utc_now()  # noqa: DTZ005


def test_json_round_trip_keeps_the_time_zone() -> None:
    note = Note(text="a")
    assert note.model_dump(mode="json")["created_at"].endswith("Z")
    copy = Note.model_validate_json(note.model_dump_json())
    assert copy.created_at == note.created_at
    assert copy.created_at.utcoffset() == timedelta(0)
