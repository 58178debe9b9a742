"""Fixtures for Part II's tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def anyio_backend() -> str:
    """Async tests run on asyncio, the loop FastAPI's servers use."""
    return "asyncio"
