"""Settings for an application: class and instance state, three methods.

>>> settings = Settings.from_env({"APP_DATABASE_URL": "sqlite:///t.db"})
>>> settings.database_url
'sqlite:///t.db'
>>> settings.debug
False
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import ClassVar, Self

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"", "0", "false", "no", "off"})


class Settings:
    """What one application instance needs to know to start."""

    # Class attributes: one value, shared by every instance.
    env_prefix: ClassVar[str] = "APP_"
    default_database_url: ClassVar[str] = "sqlite:///app.db"

    def __init__(
        self, database_url: str, *, debug: bool = False, api_key: str = ""
    ) -> None:
        # Instance attributes: each object gets its own.
        self.database_url = database_url
        self.debug = debug
        self._api_key = api_key  # one underscore: "internal, hands off"

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
        return bool(self._api_key)

    def __repr__(self) -> str:
        key = "'***'" if self._api_key else "''"
        return (
            f"{type(self).__name__}(database_url={self.database_url!r}, "
            f"debug={self.debug!r}, api_key={key})"
        )

    def __str__(self) -> str:
        mode = "debug" if self.debug else "production"
        return f"{self.database_url} ({mode} mode)"


class StagingSettings(Settings):
    """Settings read from ``STAGING_*`` variables instead."""

    env_prefix = "STAGING_"
    default_database_url = "sqlite:///staging.db"
