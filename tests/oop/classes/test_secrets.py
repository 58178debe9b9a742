"""No secret of Settings reaches a repr, a str, a log line or a response.

A serializer is another matter: the URL is a NamedTuple, so json.dumps and
jsonable_encoder write its password; the tests at the end show that, and
that AppSettings (the URL in a SecretStr) does not.

Both sides are tested: the book's Settings and app pass the check, and the
course notes' design (a repr and an /about endpoint that show the raw URL)
fails it, so the check is known to catch a leak.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.encoders import jsonable_encoder
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import SecretStr

from examples.oop.classes.app import create_app
from examples.oop.classes.config import AppSettings
from examples.oop.classes.settings import Settings

PASSWORD = "s3cret-pw"
API_KEY = "k-42-top"
ENV = {
    "APP_DATABASE_URL": f"postgresql://shop:{PASSWORD}@db.internal/shop",
    "APP_API_KEY": API_KEY,
    "APP_DEBUG": "no",
}


def everything_shown(
    settings: Settings,
    app: FastAPI,
    caplog: pytest.LogCaptureFixture,
    *,
    with_vars: bool = True,
) -> str:
    """All the text a settings object and its app give away."""
    log = logging.getLogger("examples.test")
    with caplog.at_level(logging.INFO, logger="examples.test"):
        log.info("started with %s", settings)
        log.info("started with %r", settings)
        if with_vars:
            log.info("state %s", vars(settings))
    texts = [
        repr(settings),
        str(settings),
        f"{settings} {settings!r}",
        repr([settings]),
        caplog.text,
    ]
    if with_vars:
        texts.append(repr(vars(settings)))
    client = TestClient(app)
    for route in app.routes:
        if isinstance(route, APIRoute) and "{" not in route.path:
            assert route.methods == {"GET"}
            response = client.get(route.path)
            assert response.status_code == 200
            texts.append(response.text)
    texts.append(client.get("/openapi.json").text)
    return "\n".join(texts)


def test_no_secret_is_shown(caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings.from_env(ENV)
    shown = everything_shown(settings, create_app(settings), caplog)
    assert "/about" in create_app(settings).openapi()["paths"]
    assert "shop:***@db.internal" in shown  # the masked URL is logged
    assert PASSWORD not in shown
    assert API_KEY not in shown
    assert (
        "db.internal"
        not in TestClient(create_app(settings)).get("/about").text
    )
    # The values are still there for the code that needs them.
    assert settings.database_url.password == PASSWORD
    assert settings.has_api_key()


class NotesSettings(Settings):
    """The course notes' design: the repr prints the URL as given."""

    def __repr__(self) -> str:
        url = self.database_url.render_as_string(hide_password=False)
        return f"Settings(database_url={url!r})"


def notes_app(settings: Settings) -> FastAPI:
    """The notes' /about: it serves the settings' text to any client."""
    app = FastAPI()

    @app.get("/about")
    def about() -> dict[str, str]:
        return {"settings": repr(settings)}

    return app


def test_the_check_catches_the_notes_design(
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = NotesSettings.from_env(ENV)
    shown = everything_shown(settings, notes_app(settings), caplog)
    assert PASSWORD in shown
    body = TestClient(notes_app(settings)).get("/about").json()
    assert PASSWORD in body["settings"]
    assert (
        f"started with Settings(database_url='postgresql://shop:{PASSWORD}"
        in (caplog.text)
    )


QUERY_SECRETS = ("qpw-77", "ssl-topsecret", "hunter2")
QUERY_URLS = (
    f"postgresql://u:pw@db/shop?password={QUERY_SECRETS[0]}"
    f"&sslpassword={QUERY_SECRETS[1]}",
    f"mssql+pyodbc:///?odbc_connect=DRIVER%3Dx%3BPWD%3D{QUERY_SECRETS[2]}",
)


class PasswordOnlySettings(Settings):
    """The unsafe variant: only the password part of the URL is masked."""

    def __repr__(self) -> str:
        url = self.database_url.render_as_string(hide_password=True)
        return f"Settings(database_url={url!r})"


@pytest.mark.parametrize("url", QUERY_URLS)
def test_query_string_secrets_are_masked(
    url: str, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings.from_env({"APP_DATABASE_URL": url})
    shown = everything_shown(
        settings, create_app(settings), caplog, with_vars=False
    )
    assert not [s for s in QUERY_SECRETS if s in shown]
    assert "=***" in repr(settings)  # the keys are shown, not the values
    assert settings.database_url.query  # the values are kept for connecting
    # The limit the chapter states: the URL object itself masks only its
    # password, so vars(settings) or the bare URL must not be logged.
    assert [s for s in QUERY_SECRETS if s in repr(vars(settings))]


@pytest.mark.parametrize("url", QUERY_URLS)
def test_masking_the_password_only_leaks_the_query_string(
    url: str, caplog: pytest.LogCaptureFixture
) -> None:
    settings = PasswordOnlySettings.from_env({"APP_DATABASE_URL": url})
    shown = everything_shown(
        settings, create_app(settings), caplog, with_vars=False
    )
    assert [s for s in QUERY_SECRETS if s in shown]


def debug_app(settings: object) -> FastAPI:
    """The endpoint the chapter warns about: it returns the settings."""
    app = FastAPI()

    # No response model: FastAPI encodes the value with jsonable_encoder.
    @app.get("/debug/config", response_model=None)
    def config() -> dict[str, object]:
        return {"settings": settings}

    return app


def test_a_serializer_takes_the_url_apart() -> None:
    # URL is a NamedTuple: its repr masks the password, its fields do not.
    settings = Settings.from_env(ENV)
    assert isinstance(settings.database_url, tuple)
    assert PASSWORD in json.dumps(settings.database_url)
    assert PASSWORD in repr(jsonable_encoder(settings))
    body = TestClient(debug_app(settings)).get("/debug/config").text
    assert PASSWORD in body
    assert API_KEY not in body  # the SecretStr serializes as asterisks


def test_app_settings_serialize_masked() -> None:
    # The same endpoint with AppSettings: the URL is a SecretStr there.
    settings = AppSettings(
        database_url=SecretStr(ENV["APP_DATABASE_URL"]),
        api_key=SecretStr(API_KEY * 2),
    )
    body = TestClient(debug_app(settings)).get("/debug/config").text
    assert "*****" in body
    assert PASSWORD not in body
    assert API_KEY not in body
    assert PASSWORD not in repr(jsonable_encoder(settings))


def typed_app(settings: Settings) -> FastAPI:
    """Endpoints whose return annotation is a response model."""
    app = FastAPI()

    @app.get("/any")
    def any_url() -> dict[str, Any]:
        return {"url": settings.database_url}

    @app.get("/object")
    def object_url() -> dict[str, object]:
        return {"url": settings.database_url}

    @app.get("/vars")
    def all_fields() -> dict[str, Any]:
        return vars(settings)

    @app.get("/settings")
    def whole() -> dict[str, object]:
        return {"settings": settings}

    return app


def test_a_response_model_does_not_stop_the_url_leaking() -> None:
    # pydantic serializes the NamedTuple as a list, password included.
    client = TestClient(
        typed_app(Settings.from_env(ENV)), raise_server_exceptions=False
    )
    for path in ("/any", "/object", "/vars"):
        response = client.get(path)
        assert response.status_code == 200
        assert PASSWORD in response.text
        assert API_KEY not in response.text
    # The Settings object itself cannot be serialized by pydantic.
    assert client.get("/settings").status_code == 500
