"""FastAPI builds the service for each request from small dependencies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from examples.oop.composition.notifiers import OutboxNotifier
from examples.oop.composition.service import (
    EmailTakenError,
    Notifier,
    UserService,
    UserStore,
)
from examples.oop.composition.tables import Base
from examples.oop.composition.users import SqlUserRepository, User


def get_session(request: Request) -> Iterator[Session]:
    """One session and one transaction per request: commit or roll back."""
    sessions: sessionmaker[Session] = request.app.state.sessions
    with sessions.begin() as session:
        yield session


# scope="function": the transaction ends when the endpoint returns, so a
# failed commit becomes an error response instead of a false success.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_users(session: SessionDep) -> UserStore:
    return SqlUserRepository(session)


def get_notifier(session: SessionDep) -> Notifier:
    return OutboxNotifier(session)


def get_user_service(
    users: Annotated[UserStore, Depends(get_users)],
    notifier: Annotated[Notifier, Depends(get_notifier)],
) -> UserService:
    return UserService(users, notifier)


Service = Annotated[UserService, Depends(get_user_service)]


class NewUser(BaseModel):
    """What a client sends to register."""

    model_config = ConfigDict(extra="forbid")

    email: str = Field(min_length=3, max_length=254)
    name: str = Field(min_length=1, max_length=100)


router = APIRouter()


@router.post("/users", status_code=201)
def register(new: NewUser, service: Service) -> User:
    try:
        return service.register(new.email, new.name)
    except EmailTakenError as error:
        raise HTTPException(status_code=409, detail=str(error)) from error


@router.get("/users/{user_id}")
def read_user(user_id: int, service: Service) -> User:
    user = service.find(user_id)
    if user is None:
        raise HTTPException(status_code=404, detail="no such user")
    return user


def create_app(engine: Engine) -> FastAPI:
    """An application on a database; the caller owns and disposes it."""
    Base.metadata.create_all(engine)  # a migration tool's job in production
    app = FastAPI(title="Users")
    app.state.sessions = sessionmaker(engine)
    app.include_router(router)
    return app
