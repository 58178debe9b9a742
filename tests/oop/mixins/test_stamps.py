"""Tests for src/examples/oop/mixins/stamps.py."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import ClassVar

import pytest
from pydantic import BaseModel, Field, ValidationError
from pydantic.fields import FieldInfo

from examples.oop.mixins.stamps import SoftDeleteMixin, TimestampMixin, utc_now
from tests.oop.checker import CASES, corrected, mypy


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


def test_a_new_object_has_one_timestamp() -> None:
    note = Note(text="a")
    assert note.updated_at == note.created_at
    given = datetime(2026, 1, 1, tzinfo=UTC)
    assert Note(text="b", created_at=given).updated_at == given


def test_redeclaring_a_field_of_a_model_mixin_is_silent() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")

        class Documented(TimestampMixin):
            created_at: datetime = Field(description="when it was made")

    assert Documented.model_fields["created_at"].description == (
        "when it was made"
    )


def test_redeclaring_a_field_of_a_plain_mixin_warns() -> None:
    class PlainStamps:
        created_at: datetime = Field(default_factory=utc_now)

    with pytest.warns(
        UserWarning,
        match=r'"created_at" in ".*Documented" shadows an attribute in parent',
    ):

        class Documented(PlainStamps, BaseModel):
            created_at: datetime = Field(description="when it was made")

    assert isinstance(vars(PlainStamps)["created_at"], FieldInfo)


def test_plain_mixins_give_fields_but_not_all_annotations() -> None:
    class Mixin:
        visible: int = 1
        _hidden: int = 2
        shared: ClassVar[int] = 3

    class Model(Mixin, BaseModel):
        own: int = 0

    assert list(Model.model_fields) == ["visible", "own"]
    assert Model.__private_attributes__ == {}
    assert Model.__class_vars__ == {"shared"}


NAIVE = '{"text": "t", "created_at": "2026-01-01T12:00:00"}'


def test_aware_datetime_refuses_a_naive_time() -> None:
    with pytest.raises(ValidationError) as caught:
        Note.model_validate_json(NAIVE)
    errors = [(e["loc"], e["type"]) for e in caught.value.errors()]
    assert errors == [
        (("created_at",), "timezone_aware"),
        (("updated_at",), "default_factory_not_called"),
    ]


def test_a_plain_datetime_accepts_it_and_fails_later() -> None:
    class Loose(BaseModel):
        text: str
        created_at: datetime

    loose = Loose.model_validate_json(NAIVE)
    assert loose.created_at.tzinfo is None
    with pytest.raises(TypeError, match="offset-naive and offset-aware"):
        _ = loose.created_at < utc_now()


def test_mypy_sees_model_mixin_fields_not_plain_ones(tmp_path: Path) -> None:
    case = "plain_mixin_fields.py"
    assert mypy(CASES / case) == [
        '16: error: Unexpected keyword argument "created_at" for "Note"  '
        "[call-arg]"
    ]
    fixed = corrected(
        case,
        "class PlainTimestamps:",
        "class PlainTimestamps(BaseModel):",
        tmp_path,
    )
    assert mypy(fixed) == []


def test_pydantic_v1_ignored_plain_bases() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # v1 warns on Python 3.14 and later
        from pydantic.v1 import BaseModel as BaseModelV1

        class Mixin:
            visible: int = 1

        class Old(Mixin, BaseModelV1):
            own: int = 0

    assert list(Old.__fields__) == ["own"]
