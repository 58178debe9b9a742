"""Tests for src/examples/oop/composition/app.py: real requests, real SQLite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session

from examples.oop.composition.app import (
    SessionDep,
    create_app,
    get_notifier,
    get_session,
    get_user_service,
    get_users,
)
from examples.oop.composition.doubles import InMemoryUsers, RecordingNotifier
from examples.oop.composition.notifiers import OutboxNotifier
from examples.oop.composition.service import UserService, UserStore
from examples.oop.composition.tables import OutboxRow, UserRow
from examples.oop.composition.users import SqlUserRepository, User

ADA = {"email": "ada@example.com", "name": "Ada"}


@pytest.fixture
def app(engine: Engine) -> FastAPI:
    return create_app(engine)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


def emails(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(
            session.scalars(select(UserRow.email).order_by(UserRow.id))
        )


def outbox(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return list(
            session.scalars(select(OutboxRow.text).order_by(OutboxRow.id))
        )


def test_register_then_read(client: TestClient, engine: Engine) -> None:
    response = client.post("/users", json=ADA)
    assert response.status_code == 201
    assert response.json() == {"id": 1, **ADA}
    response = client.get("/users/1")
    assert (response.status_code, response.json()) == (200, {"id": 1, **ADA})
    assert client.get("/users/2").status_code == 404
    assert emails(engine) == ["ada@example.com"]
    assert outbox(engine) == ["Welcome, Ada!"]


def test_duplicate_email_is_a_conflict(client: TestClient) -> None:
    client.post("/users", json=ADA)
    response = client.post("/users", json={**ADA, "name": "Other"})
    assert response.status_code == 409
    assert response.json() == {
        "detail": "ada@example.com is already registered"
    }


@pytest.mark.parametrize(
    "body",
    [
        {**ADA, "id": 7},
        {"email": "a", "name": "A"},
        {"email": "ada@example.com", "name": ""},
        {"name": "Ada"},
    ],
)
def test_invalid_input_is_refused(
    client: TestClient, engine: Engine, body: dict[str, object]
) -> None:
    assert client.post("/users", json=body).status_code == 422
    assert emails(engine) == []


def test_a_hostile_email_is_stored_as_text(
    client: TestClient, engine: Engine
) -> None:
    hostile = "x'; DROP TABLE users; --"
    client.post("/users", json=ADA)
    response = client.post("/users", json={"email": hostile, "name": "B"})
    assert response.status_code == 201
    assert emails(engine) == ["ada@example.com", hostile]


def test_one_session_is_shared_by_the_parts(app: FastAPI) -> None:
    @app.get("/wiring")
    def wiring(
        service: UserService = Depends(get_user_service),  # noqa: B008
        session: Session = Depends(get_session, scope="function"),  # noqa: B008
    ) -> dict[str, bool]:
        users, notifier = service.users, service.notifier
        assert isinstance(users, SqlUserRepository)
        assert isinstance(notifier, OutboxNotifier)
        return {
            "shared": users.session is notifier.session is session,
            "active": session.in_transaction(),
        }

    with TestClient(app) as client:
        assert client.get("/wiring").json() == {"shared": True, "active": True}


def test_override_the_notifier_only(app: FastAPI, engine: Engine) -> None:
    recorder = RecordingNotifier()
    app.dependency_overrides[get_notifier] = lambda: recorder
    with TestClient(app) as client:
        assert client.post("/users", json=ADA).status_code == 201
    assert recorder.sent == [("ada@example.com", "Welcome, Ada!")]
    assert emails(engine) == ["ada@example.com"]
    assert outbox(engine) == []


def test_override_the_store_too(app: FastAPI, engine: Engine) -> None:
    users = InMemoryUsers()
    app.dependency_overrides[get_users] = lambda: users
    app.dependency_overrides[get_notifier] = RecordingNotifier
    with TestClient(app) as client:
        assert client.post("/users", json=ADA).json() == {"id": 1, **ADA}
        assert client.get("/users/1").status_code == 200
    assert users.rows == {1: User(1, "ada@example.com", "Ada")}
    assert emails(engine) == []


def test_a_failing_part_rolls_the_whole_request_back(
    app: FastAPI, engine: Engine
) -> None:
    class DownNotifier:
        def notify(self, user: User, text: str) -> None:
            raise ConnectionError("mail server unreachable")

    app.dependency_overrides[get_notifier] = DownNotifier
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/users", json=ADA)
    assert (response.status_code, response.text) == (
        500,
        "Internal Server Error",
    )
    assert emails(engine) == []


def fail_commits(app: FastAPI) -> None:
    def refuse(session: Session) -> None:
        raise RuntimeError("disk full")

    event.listen(app.state.sessions, "before_commit", refuse)


def test_a_failed_commit_is_an_error_response(
    app: FastAPI, engine: Engine
) -> None:
    # scope="function": the commit happens before the response is sent.
    fail_commits(app)
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.post("/users", json=ADA).status_code == 500
    assert emails(engine) == []


def test_without_function_scope_a_failed_commit_looks_like_success(
    engine: Engine,
) -> None:
    # The trap the chapter describes: the default scope commits after the
    # response has gone out, so the client is told 201 for nothing saved.
    app = create_app(engine)

    @app.post("/late", status_code=201)
    def late(session: Session = Depends(get_session)) -> dict[str, int]:  # noqa: B008
        row = UserRow(email="late@example.com", name="Late")
        session.add(row)
        session.flush()
        return {"id": row.id}

    fail_commits(app)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/late")
    assert (response.status_code, response.json()) == (201, {"id": 1})
    assert emails(engine) == []


class StaleCheck(SqlUserRepository):
    """A repository whose pre-check saw the table before a rival insert."""

    def by_email(self, email: str) -> User | None:
        return None


def test_the_constraint_path_is_a_409_over_http(
    app: FastAPI, client: TestClient, engine: Engine
) -> None:
    assert client.post("/users", json=ADA).status_code == 201

    def stale_users(session: SessionDep) -> UserStore:
        return StaleCheck(session)

    app.dependency_overrides[get_users] = stale_users
    response = client.post("/users", json={**ADA, "name": "Other"})
    assert (response.status_code, response.json()) == (
        409,
        {"detail": "ada@example.com is already registered"},
    )
    # The loser's request was rolled back: one user, one welcome message.
    assert emails(engine) == ["ada@example.com"]
    assert outbox(engine) == ["Welcome, Ada!"]


class StaleUntranslated(StaleCheck):
    """The unsafe variant: the same stale check, the error not translated."""

    def add(self, email: str, name: str) -> User:
        row = UserRow(email=email, name=name)
        self.session.add(row)
        self.session.flush()
        return User(id=row.id, email=row.email, name=row.name)


def test_an_untranslated_constraint_is_a_500(app: FastAPI) -> None:
    def stale_users(session: SessionDep) -> UserStore:
        return StaleUntranslated(session)

    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.post("/users", json=ADA).status_code == 201
        app.dependency_overrides[get_users] = stale_users
        response = client.post("/users", json={**ADA, "name": "Other"})
    assert response.status_code == 500
