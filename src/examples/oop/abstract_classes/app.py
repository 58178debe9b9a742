"""An API written against the abstract repository, served from SQLite."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
)

from examples.oop.abstract_classes.repository import (
    ItemNotFoundError,
    UserRepository,
)
from examples.oop.abstract_classes.sql import SqlUserRepository, create_schema
from examples.oop.abstract_classes.users import User


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session and one transaction per request."""
    sessions: async_sessionmaker[AsyncSession] = request.app.state.sessions
    async with sessions.begin() as session:
        yield session


async def get_repository(
    session: Annotated[AsyncSession, Depends(get_session, scope="function")],
) -> UserRepository:
    return SqlUserRepository(session)


Users = Annotated[UserRepository, Depends(get_repository)]


class UserIn(BaseModel):
    """What a client sends: no id, which the repository assigns."""

    model_config = ConfigDict(extra="forbid")

    # The columns' lengths: a longer value is refused here with a 422,
    # not by a stricter database with a 500 (PostgreSQL's VARCHAR(n)).
    email: str = Field(min_length=3, max_length=254)
    name: str = Field(min_length=1, max_length=100)


router = APIRouter()


@router.post("/users", status_code=201)
async def create_user(new: UserIn, users: Users) -> User:
    return await users.add(User(email=new.email, name=new.name))


@router.get("/users")
async def list_users(users: Users, email: str | None = None) -> list[User]:
    if email is None:
        return await users.list_all()
    found = await users.by_email(email)
    return [] if found is None else [found]


@router.get("/users/{user_id}")
async def read_user(user_id: int, users: Users) -> User:
    return await users.get_or_raise(user_id)


@router.delete("/users/{user_id}", status_code=204)
async def delete_user(user_id: int, users: Users) -> Response:
    if not await users.remove(user_id):
        raise ItemNotFoundError(f"no item with id {user_id}")
    return Response(status_code=204)


async def not_found(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=404)


def create_app(engine: AsyncEngine) -> FastAPI:
    """The API on a database engine; its connections close at shutdown."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncGenerator[None, None]:
        await create_schema(engine)  # a migration tool's job in production
        try:
            yield
        finally:
            await engine.dispose()  # close the pooled connections

    app = FastAPI(title="Users", lifespan=lifespan)
    app.state.sessions = async_sessionmaker(engine)
    app.add_exception_handler(ItemNotFoundError, not_found)
    app.include_router(router)
    return app
