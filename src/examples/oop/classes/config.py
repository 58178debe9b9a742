"""Settings from the environment with pydantic-settings; a keyed dependency.

>>> settings = AppSettings(api_key=SecretStr("k" * 16))
>>> settings.api_key
SecretStr('**********')
"""

from __future__ import annotations

import secrets
from functools import lru_cache
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import URL, make_url


class AppSettings(BaseSettings):
    """Read from APP_* variables, validated, secrets masked when printed."""

    model_config = SettingsConfigDict(
        env_prefix="APP_",
        extra="forbid",
        hide_input_in_errors=True,  # a rejected secret stays out of the log
    )

    database_url: SecretStr = SecretStr("sqlite:///app.db")
    debug: bool = False
    api_key: SecretStr = Field(min_length=16)

    def engine_url(self) -> URL:
        """The URL for create_engine, not for a log.

        Its repr masks the password but not query-string values; log
        ``masked_url(settings.engine_url())`` instead.
        """
        return make_url(self.database_url.get_secret_value())


@lru_cache
def get_settings() -> AppSettings:
    """Read the environment once, on first use."""
    # The environment supplies api_key; mypy sees only the constructor.
    return AppSettings()  # type: ignore[call-arg]


class RequireKey:
    """A dependency with state: FastAPI calls the instance per request."""

    def __init__(self, key: SecretStr) -> None:
        if not key.get_secret_value():
            # A missing header arrives as "", which would match.
            raise ValueError("an empty key would let every request in")
        self._key = key  # still a SecretStr: vars() and repr mask it

    def __call__(self, x_api_key: Annotated[str, Header()] = "") -> None:
        expected = self._key.get_secret_value().encode()
        # compare_digest takes as long for a near miss as for a far one.
        if not secrets.compare_digest(x_api_key.encode(), expected):
            raise HTTPException(
                status_code=401,
                detail="missing or bad key",
                # RFC 9110, 15.5.2: a 401 names the scheme to use.
                headers={"WWW-Authenticate": "APIKey"},
            )


def create_app(settings: AppSettings | None = None) -> FastAPI:
    """The API; without settings, read the environment (once)."""
    if settings is None:
        settings = get_settings()
    app = FastAPI(title="Keyed")
    backend = settings.engine_url().get_backend_name()

    @app.get("/status", dependencies=[Depends(RequireKey(settings.api_key))])
    def status() -> dict[str, str]:
        return {"database": backend}

    return app
