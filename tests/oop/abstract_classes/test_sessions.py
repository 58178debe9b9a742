"""One AsyncSession serves one task at a time; concurrent tasks need one each.

book/oop/abstract_classes.md states both sides; this runs both.
"""

from __future__ import annotations

import asyncio
import warnings

import pytest
from sqlalchemy.exc import InvalidRequestError, SAWarning
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from examples.oop.abstract_classes.sql import SqlUserRepository
from examples.oop.abstract_classes.users import User

pytestmark = pytest.mark.anyio


async def test_two_tasks_on_one_session_fail(engine: AsyncEngine) -> None:
    async with AsyncSession(engine) as session:
        repo = SqlUserRepository(session)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with pytest.raises(InvalidRequestError, match="already flushing"):
                await asyncio.gather(
                    repo.add(User("a@example.com", "A")),
                    repo.add(User("b@example.com", "B")),
                )
        assert any(w.category is SAWarning for w in caught)
        await session.rollback()


async def test_one_session_per_task_works(engine: AsyncEngine) -> None:
    async def register(email: str) -> int:
        async with AsyncSession(engine) as session:
            user = await SqlUserRepository(session).add(User(email, "X"))
            await session.commit()
            assert user.id is not None
            return user.id

    ids = await asyncio.gather(
        register("a@example.com"), register("b@example.com")
    )
    assert sorted(ids) == [1, 2]
    async with AsyncSession(engine) as session:
        assert len(await SqlUserRepository(session).list_all()) == 2


async def test_concurrent_reads_on_one_session_raise_nothing(
    engine: AsyncEngine,
) -> None:
    # So the one-task rule cannot rely on an error to enforce it.
    async with AsyncSession(engine) as session:
        repo = SqlUserRepository(session)
        results = await asyncio.gather(
            repo.get(1), repo.list_all(), repo.by_email("a@example.com")
        )
    assert list(results) == [None, [], None]
