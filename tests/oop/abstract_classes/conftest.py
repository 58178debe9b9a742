"""Repositories for the contract: a fresh, empty one for each test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    create_async_engine,
)

from examples.oop.abstract_classes.memory import InMemoryUserRepository
from examples.oop.abstract_classes.repository import UserRepository
from examples.oop.abstract_classes.sql import SqlUserRepository, create_schema


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """A new SQLite database file, with its tables; disposed afterwards."""
    engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'u.db'}")
    try:
        await create_schema(engine)
        yield engine
    finally:
        await engine.dispose()


@pytest.fixture(params=["memory", "sql"])
async def repository(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[UserRepository]:
    if request.param == "memory":
        yield InMemoryUserRepository()
        return
    engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'c.db'}")
    try:
        await create_schema(engine)
        async with AsyncSession(engine) as session:
            yield SqlUserRepository(session)
    finally:
        await engine.dispose()
