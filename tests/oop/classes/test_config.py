"""Tests for src/examples/oop/classes/config.py: secrets stay secret.

Each safety property is tested on both sides: the book's AppSettings and a
variant without the protection (plain str fields, errors with input).
"""

from __future__ import annotations

import logging
import secrets

import pytest
from fastapi import HTTPException
from fastapi.testclient import TestClient
from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from examples.oop.classes.config import (
    AppSettings,
    RequireKey,
    create_app,
    get_settings,
)

PASSWORD = "pw-9f3a"
KEY = "key-0123456789abcdef"
ENV = {
    "APP_DATABASE_URL": f"postgresql://shop:{PASSWORD}@db/shop",
    "APP_API_KEY": KEY,
    "APP_DEBUG": "yes",
}


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)


class PlainSettings(BaseSettings):
    """The unsafe variant: the same variables, read into plain strings."""

    model_config = SettingsConfigDict(env_prefix="APP_")

    database_url: str = "sqlite:///app.db"
    api_key: str = Field(min_length=16)


@pytest.mark.usefixtures("env")
def test_settings_print_no_secret(caplog: pytest.LogCaptureFixture) -> None:
    settings = AppSettings()  # type: ignore[call-arg]
    assert settings.debug is True
    with caplog.at_level(logging.INFO):
        logging.getLogger("examples.test").info("settings: %r", settings)
    shown = f"{settings!r} {settings} {settings.model_dump()} {caplog.text}"
    assert PASSWORD not in shown
    assert KEY not in shown
    assert repr(settings.engine_url()) == "postgresql://shop:***@db/shop"
    assert settings.engine_url().password == PASSWORD


@pytest.mark.usefixtures("env")
def test_plain_strings_print_both_secrets() -> None:
    shown = repr(PlainSettings())  # type: ignore[call-arg]
    assert PASSWORD in shown
    assert KEY in shown


def test_a_rejected_secret_stays_out_of_the_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("APP_API_KEY", "short-key-42")
    with pytest.raises(ValidationError) as caught:
        AppSettings()  # type: ignore[call-arg]
    assert "too_short" in str(caught.value)
    assert "short-key-42" not in str(caught.value)
    # Only str() and repr() hide it: the structured forms need the flag.
    assert caught.value.errors()[0]["input"] == "short-key-42"
    assert "short-key-42" in caught.value.json()
    assert "input" not in caught.value.errors(include_input=False)[0]
    assert "short-key-42" not in caught.value.json(include_input=False)
    with pytest.raises(ValidationError) as unsafe:
        PlainSettings()  # type: ignore[call-arg]
    assert "input_value='short-key-42'" in str(unsafe.value)


@pytest.mark.usefixtures("env")
def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError, match="extra_forbidden"):
        AppSettings(databse_url="sqlite://")  # type: ignore[call-arg]


@pytest.mark.usefixtures("env")
def test_get_settings_reads_the_environment_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    get_settings.cache_clear()
    try:
        first = get_settings()
        monkeypatch.setenv("APP_DEBUG", "no")
        assert get_settings() is first
        assert first.debug is True
    finally:
        get_settings.cache_clear()


def test_the_key_dependency() -> None:
    settings = AppSettings(api_key=SecretStr(KEY))
    app = create_app(settings)
    client = TestClient(app)
    missing = client.get("/status")
    assert (missing.status_code, missing.json()) == (
        401,
        {"detail": "missing or bad key"},
    )
    assert missing.headers["WWW-Authenticate"] == "APIKey"
    wrong = {"X-API-Key": KEY[:-1] + "0"}
    assert client.get("/status", headers=wrong).status_code == 401
    response = client.get("/status", headers={"X-API-Key": KEY})
    assert (response.status_code, response.json()) == (
        200,
        {"database": "sqlite"},
    )
    [header] = app.openapi()["paths"]["/status"]["get"]["parameters"]
    assert (header["in"], header["name"]) == ("header", "x-api-key")
    assert KEY not in str(app.openapi())


def test_the_dependency_is_an_instance_with_call() -> None:
    check = RequireKey(SecretStr(KEY))
    check(KEY)  # returns None: the request may go on
    with pytest.raises(HTTPException):
        check("")
    assert KEY not in repr(vars(check))


class BytesKey:
    """The unsafe variant: unwraps the key at build, accepts an empty one."""

    def __init__(self, key: SecretStr) -> None:
        self._key = key.get_secret_value().encode()

    def __call__(self, x_api_key: str = "") -> None:
        if not secrets.compare_digest(x_api_key.encode(), self._key):
            raise HTTPException(status_code=401)


def test_a_plain_key_attribute_leaks_and_empty_key_lets_all_in() -> None:
    assert KEY in repr(vars(BytesKey(SecretStr(KEY))))
    BytesKey(SecretStr(""))()  # no header, no key: the request goes on


def test_an_empty_key_is_refused() -> None:
    with pytest.raises(ValueError, match="empty key"):
        RequireKey(SecretStr(""))


@pytest.mark.usefixtures("env")
def test_without_settings_the_app_reads_the_environment() -> None:
    get_settings.cache_clear()
    try:
        client = TestClient(create_app())
        response = client.get("/status", headers={"X-API-Key": KEY})
        assert response.json() == {"database": "postgresql"}
    finally:
        get_settings.cache_clear()
