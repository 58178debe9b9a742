"""SQL-specific facts behind src/examples/oop/abstract_classes/sql.py."""

from __future__ import annotations

import asyncio
import gc
import warnings
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    create_async_engine,
)
from sqlalchemy.schema import CreateTable

from examples.oop.abstract_classes.sql import (
    SqlUserRepository,
    UserRow,
    create_schema,
    to_user,
)
from examples.oop.abstract_classes.users import User

pytestmark = pytest.mark.anyio


async def test_committed_users_survive_the_session(
    engine: AsyncEngine,
) -> None:
    async with AsyncSession(engine) as session:
        ada = await SqlUserRepository(session).add(User("a@example.com", "A"))
        await session.commit()
    async with AsyncSession(engine) as session:
        assert await SqlUserRepository(session).list_all() == [ada]


async def test_uncommitted_users_do_not(engine: AsyncEngine) -> None:
    async with AsyncSession(engine) as session:
        await SqlUserRepository(session).add(User("a@example.com", "A"))
    async with AsyncSession(engine) as session:
        assert await SqlUserRepository(session).list_all() == []


def test_the_email_is_a_bound_parameter() -> None:
    hostile = "x'; DROP TABLE users; --"
    query = select(UserRow).where(UserRow.email == hostile)
    compiled = query.compile(dialect=sqlite.dialect())
    assert str(compiled).splitlines()[-1] == "WHERE users.email = ?"
    assert hostile not in str(compiled)
    assert compiled.params == {"email_1": hostile}


def test_the_table_asks_sqlite_for_autoincrement() -> None:
    table = UserRow.metadata.tables["users"]
    ddl = str(CreateTable(table).compile(dialect=sqlite.dialect()))
    assert "id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT" in ddl
    row = UserRow(id=3, email="a@example.com", name="A")
    assert to_user(row) == User("a@example.com", "A", id=3)


async def test_without_autoincrement_sqlite_reuses_the_last_id(
    engine: AsyncEngine,
) -> None:
    # Why the contract check "ids_are_never_reused" needs AUTOINCREMENT.
    plain = Table("plain", MetaData(), Column("id", Integer, primary_key=True))
    async with engine.begin() as connection:
        await connection.run_sync(plain.metadata.create_all)
        await connection.execute(insert(plain), [{}, {}])
        await connection.execute(plain.delete().where(plain.c.id == 2))
        result = await connection.execute(insert(plain).values())
        assert result.inserted_primary_key == (2,)


def test_an_engine_left_undisposed_leaks_a_warning(tmp_path: Path) -> None:
    # The chapter's reason for "finally: await engine.dispose()".
    async def without_dispose() -> None:
        url = f"sqlite+aiosqlite:///{tmp_path / 'leak.db'}"
        engine = create_async_engine(url)
        await create_schema(engine)
        async with AsyncSession(engine) as session:
            await SqlUserRepository(session).add(User("a@example.com", "A"))
            await session.commit()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        asyncio.run(without_dispose())
        gc.collect()
    leaks = [w for w in caught if issubclass(w.category, ResourceWarning)]
    assert leaks
    assert all(
        "was deleted before being closed" in str(w.message) for w in leaks
    )
