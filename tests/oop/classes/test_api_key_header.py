"""APIKeyHeader(auto_error=False) documents a key; it does not check one.

The chapter's listing checks the key in the endpoint. The variant without
the check is declared secured in OpenAPI all the same, and lets a request
with no header in: the test runs both.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import FastAPI, HTTPException, Security
from fastapi.security import APIKeyHeader
from fastapi.testclient import TestClient

KEY = "k" * 16
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)
# Module level: the annotations are strings, resolved in module globals.
strict_header = APIKeyHeader(name="X-API-Key")


def checked_app() -> FastAPI:
    """The chapter's listing: a missing or wrong key is a 401."""
    app = FastAPI()
    expected = KEY.encode()

    @app.get("/status")
    def status(
        key: Annotated[str | None, Security(api_key_header)],
    ) -> None:
        if key is None or not secrets.compare_digest(key.encode(), expected):
            raise HTTPException(401, headers={"WWW-Authenticate": "APIKey"})

    return app


def unchecked_app() -> FastAPI:
    """The unsafe variant: the key is declared and never compared."""
    app = FastAPI()

    @app.get("/status")
    def status(
        key: Annotated[str | None, Security(api_key_header)],
    ) -> None:
        return None

    return app


def statuses(app: FastAPI) -> list[int]:
    client = TestClient(app)
    return [
        client.get("/status").status_code,
        client.get("/status", headers={"X-API-Key": "wrong"}).status_code,
        client.get("/status", headers={"X-API-Key": KEY}).status_code,
    ]


def test_both_are_declared_secured() -> None:
    for app in (checked_app(), unchecked_app()):
        operation = app.openapi()["paths"]["/status"]["get"]
        assert operation["security"] == [{"APIKeyHeader": []}]


def test_the_checked_endpoint_refuses_a_missing_or_wrong_key() -> None:
    assert statuses(checked_app()) == [401, 401, 200]
    missing = TestClient(checked_app()).get("/status")
    assert missing.headers["WWW-Authenticate"] == "APIKey"


def test_the_unchecked_endpoint_lets_everyone_in() -> None:
    assert statuses(unchecked_app()) == [200, 200, 200]


def test_auto_error_true_answers_401_itself() -> None:
    app = FastAPI()

    @app.get("/status")
    def status(key: Annotated[str, Security(strict_header)]) -> None:
        return None

    missing = TestClient(app).get("/status")
    assert (missing.status_code, missing.json()) == (
        401,
        {"detail": "Not authenticated"},
    )
    assert missing.headers["WWW-Authenticate"] == "APIKey"
