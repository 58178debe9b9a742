"""Tests for src/examples/oop/classes/settings.py."""

from __future__ import annotations

import dataclasses
import inspect
import os
from pathlib import Path
from typing import ClassVar

import pytest
from pydantic import BaseModel

from examples.oop.classes.settings import Settings, StagingSettings
from tests.oop.checker import CASES, corrected, mypy


def test_class_attributes_live_on_the_class() -> None:
    settings = Settings("sqlite:///a.db", api_key="k")
    assert list(vars(settings)) == ["database_url", "debug", "_api_key"]
    assert settings.database_url.render_as_string() == "sqlite:///a.db"
    assert settings.env_prefix == Settings.env_prefix == "APP_"
    assert "env_prefix" not in vars(settings)


def test_from_env_reads_a_mapping_it_is_given() -> None:
    env = {
        "APP_DATABASE_URL": "postgresql://db/shop",
        "APP_DEBUG": "Yes",
        "APP_API_KEY": "secret",
    }
    settings = Settings.from_env(env)
    assert str(settings.database_url) == "postgresql://db/shop"
    assert settings.debug is True
    assert settings.has_api_key()


def test_from_env_has_defaults() -> None:
    settings = Settings.from_env({})
    assert str(settings.database_url) == "sqlite:///app.db"
    assert settings.debug is False
    assert not settings.has_api_key()


def test_from_env_reads_the_live_process_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The default is os.environ itself, not a copy taken at import time.
    monkeypatch.setenv("APP_DATABASE_URL", "sqlite:///from-env.db")
    monkeypatch.setenv("APP_DEBUG", "off")
    settings = Settings.from_env()
    assert str(settings.database_url) == "sqlite:///from-env.db"
    assert settings.debug is False
    default = inspect.signature(Settings.from_env).parameters["environ"]
    assert default.default is os.environ


def test_a_subclass_factory_uses_its_own_prefix_and_type() -> None:
    staging = StagingSettings.from_env(
        {"STAGING_DEBUG": "1", "APP_DEBUG": "0"}
    )
    assert type(staging) is StagingSettings
    assert staging.debug is True
    assert str(staging.database_url) == "sqlite:///staging.db"


@pytest.mark.parametrize(
    ("text", "value"),
    [("1", True), (" ON ", True), ("", False), ("No", False)],
)
def test_parse_bool(text: str, value: bool) -> None:
    assert Settings.parse_bool(text) is value


def test_parse_bool_rejects_other_words() -> None:
    with pytest.raises(ValueError, match="not a yes/no value: 'maybe'"):
        Settings.parse_bool("maybe")


def test_repr_masks_the_key_and_str_is_for_people() -> None:
    keyed = StagingSettings(
        "postgresql://u:hunter1@h/db", debug=True, api_key="hunter2"
    )
    assert repr(keyed) == (
        "StagingSettings(database_url='postgresql://u:***@h/db', "
        "debug=True, api_key='***')"
    )
    shown = repr(keyed) + str(keyed) + repr([keyed])
    assert "hunter1" not in shown
    assert "hunter2" not in shown
    assert str(keyed) == "postgresql database (debug mode)"
    plain = Settings("sqlite://")
    assert repr(plain).endswith("api_key='')")
    assert str(plain) == "sqlite database (production mode)"


def test_mypy_rejects_assigning_a_class_variable_through_an_instance(
    tmp_path: Path,
) -> None:
    case = "classvar_via_instance.py"
    assert mypy(CASES / case) == [
        '6: error: Cannot assign to class variable "env_prefix" via '
        "instance  [misc]"
    ]
    fixed = corrected(
        case,
        'settings = Settings("sqlite:///app.db")\n'
        'settings.env_prefix = "MY_APP_"\n',
        'class MySettings(Settings):\n    env_prefix = "MY_APP_"\n',
        tmp_path,
    )
    assert mypy(fixed) == []


def test_classvar_keeps_a_name_out_of_model_and_dataclass_fields() -> None:
    # The chapter: plain classes ignore ClassVar; these two read it.
    class Model(BaseModel):
        shared: ClassVar[int] = 1
        own: int = 2

    @dataclasses.dataclass
    class Data:
        shared: ClassVar[int] = 1
        own: int = 2

    assert list(Model.model_fields) == ["own"]
    assert [f.name for f in dataclasses.fields(Data)] == ["own"]


def test_dataclasses_refuse_a_list_default() -> None:
    with pytest.raises(ValueError, match="use default_factory"):

        @dataclasses.dataclass
        class Basket:
            items: list[str] = []  # noqa: RUF008
