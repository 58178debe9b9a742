"""The contract kept in SQL, through SQLAlchemy's AsyncSession."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import String, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from examples.oop.abstract_classes.repository import UserRepository
from examples.oop.abstract_classes.users import User


class Base(DeclarativeBase):
    """The registry of this example's tables."""


class UserRow(Base):
    __tablename__ = "users"
    # AUTOINCREMENT: SQLite never hands out the id of a deleted row again.
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    name: Mapped[str] = mapped_column(String(100))


def to_user(row: UserRow) -> User:
    return User(email=row.email, name=row.name, id=row.id)


async def create_schema(engine: AsyncEngine) -> None:
    """Create the tables (a migration tool's job in a real project)."""
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)


class SqlUserRepository(UserRepository):
    """Users in a SQL database; every value travels as a bound parameter."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, item: User) -> User:
        row = UserRow(email=item.email, name=item.name)
        self.session.add(row)
        await self.session.flush()  # INSERT now, so the row has its id
        return replace(item, id=row.id)

    async def get(self, item_id: int) -> User | None:
        row = await self.session.get(UserRow, item_id)
        return None if row is None else to_user(row)

    async def list_all(self) -> list[User]:
        rows = await self.session.scalars(select(UserRow).order_by(UserRow.id))
        return [to_user(row) for row in rows]

    async def remove(self, item_id: int) -> bool:
        row = await self.session.get(UserRow, item_id)
        if row is None:
            return False
        await self.session.delete(row)
        await self.session.flush()
        return True

    async def by_email(self, email: str) -> User | None:
        query = (
            select(UserRow)
            .where(UserRow.email == email)
            .order_by(UserRow.id)
            .limit(1)
        )
        row = await self.session.scalar(query)
        return None if row is None else to_user(row)
