"""Settings for an application: class and instance state, three methods.

>>> settings = Settings.from_env({"APP_DATABASE_URL": "sqlite:///t.db"})
>>> settings.database_url
sqlite:///t.db
>>> settings.debug
False
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import ClassVar, Self

from pydantic import SecretStr
from sqlalchemy.engine import URL, make_url

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"", "0", "false", "no", "off"})


def masked_url(url: URL) -> str:
    """The URL with its password and every query-string value masked.

    ``render_as_string(hide_password=True)`` masks only the password part;
    a query string can carry secrets too (``?sslpassword=...``).
    """
    shown = url.set(query={}).render_as_string(hide_password=True)
    if not url.query:
        return shown
    return shown + "?" + "&".join(f"{name}=***" for name in url.query)


class Settings:
    """What one application instance needs to know to start."""

    # Class attributes: one value, shared by every instance.
    env_prefix: ClassVar[str] = "APP_"
    default_database_url: ClassVar[str] = "sqlite:///app.db"

    def __init__(
        self, database_url: str, *, debug: bool = False, api_key: str = ""
    ) -> None:
        # Instance attributes: each object gets its own. Both secrets are
        # kept in types whose repr and str mask them.
        self.database_url: URL = make_url(database_url)
        self.debug = debug
        self._api_key = SecretStr(api_key)  # one underscore: "internal"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Self:
        """Build settings from environment variables named with a prefix."""
        prefix = cls.env_prefix

        def read(name: str, default: str) -> str:
            return environ.get(prefix + name, default)

        return cls(
            read("DATABASE_URL", cls.default_database_url),
            debug=cls.parse_bool(read("DEBUG", "false")),
            api_key=read("API_KEY", ""),
        )

    @staticmethod
    def parse_bool(text: str) -> bool:
        """Read a yes/no word the way most deployment tools write them."""
        word = text.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(f"not a yes/no value: {text!r}")

    def has_api_key(self) -> bool:
        """Whether a key was configured, without handing the key out."""
        return bool(self._api_key.get_secret_value())

    def __repr__(self) -> str:
        # A connection URL is a secret too: it usually carries a password.
        url = masked_url(self.database_url)
        key = "'***'" if self.has_api_key() else "''"
        return (
            f"{type(self).__name__}(database_url={url!r}, "
            f"debug={self.debug!r}, api_key={key})"
        )

    def __str__(self) -> str:
        mode = "debug" if self.debug else "production"
        backend = self.database_url.get_backend_name()
        return f"{backend} database ({mode} mode)"


class StagingSettings(Settings):
    """Settings read from ``STAGING_*`` variables instead."""

    env_prefix = "STAGING_"
    default_database_url = "sqlite:///staging.db"
