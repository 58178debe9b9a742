"""What book/oop/composition.md says about the session dependency's limits.

The dependency cache is keyed by function and scope, so one alias gives one
session; a second spelling gives a second session. A function-scoped
session exits after the response is built from the return value: a flushed
ORM object serializes, an unflushed one has no id, and both are detached
afterwards.
"""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from fastapi import Depends
from fastapi.exceptions import ResponseValidationError
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine, inspect
from sqlalchemy.orm import Session

from examples.oop.composition.app import SessionDep, create_app, get_session
from examples.oop.composition.tables import UserRow


def test_one_alias_one_session_two_spellings_two(engine: Engine) -> None:
    app = create_app(engine)

    @app.get("/same")
    def same(a: SessionDep, b: SessionDep) -> dict[str, bool]:
        return {"same_session": a is b}

    @app.get("/mixed")
    def mixed(
        a: SessionDep, b: Annotated[Session, Depends(get_session)]
    ) -> dict[str, bool]:
        return {"same_session": a is b}

    with TestClient(app) as client:
        assert client.get("/same").json() == {"same_session": True}
        assert client.get("/mixed").json() == {"same_session": False}


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str


def test_an_orm_object_must_be_flushed_and_is_detached_after(
    engine: Engine,
) -> None:
    app = create_app(engine)
    kept: list[UserRow] = []

    @app.post("/pending", response_model=UserOut)
    def pending(session: SessionDep) -> Any:
        row = UserRow(email="a@example.com", name="A")
        session.add(row)
        return row  # no flush: no id yet

    @app.post("/flushed", response_model=UserOut)
    def flushed(session: SessionDep) -> Any:
        row = UserRow(email="b@example.com", name="B")
        session.add(row)
        session.flush()
        kept.append(row)
        return row

    with TestClient(app) as client:
        with pytest.raises(ResponseValidationError) as caught:
            client.post("/pending")
        [error] = caught.value.errors()
        assert (error["loc"], error["type"]) == (
            ("response", "id"),
            "int_type",
        )
        response = client.post("/flushed")
    assert response.json() == {"id": 1, "email": "b@example.com"}
    state = inspect(kept[0])
    assert state.detached
    assert state.expired_attributes == {"id", "email", "name"}
