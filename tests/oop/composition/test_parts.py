"""Tests for the composition chapter's parts: repository, notifiers, service.

Covers src/examples/oop/composition/tables.py, users.py, notifiers.py,
doubles.py and service.py.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, inspect, select
from sqlalchemy.orm import Session

from examples.oop.composition.doubles import InMemoryUsers, RecordingNotifier
from examples.oop.composition.notifiers import OutboxNotifier
from examples.oop.composition.service import (
    EmailTakenError,
    Notifier,
    UserService,
    UserStore,
)
from examples.oop.composition.tables import OutboxRow, UserRow
from examples.oop.composition.users import SqlUserRepository, User

HOSTILE = ["1 OR 1=1", "x'; DROP TABLE users; --", "' OR '1'='1"]


def test_service_rules_with_doubles() -> None:
    users, notifier = InMemoryUsers(), RecordingNotifier()
    service = UserService(users, notifier)
    ada = service.register("ada@example.com", "Ada")
    assert ada == User(1, "ada@example.com", "Ada")
    assert service.find(1) == ada
    assert service.find(2) is None
    with pytest.raises(EmailTakenError, match="already registered"):
        service.register("ada@example.com", "Other")
    assert notifier.sent == [("ada@example.com", "Welcome, Ada!")]
    assert list(users.rows) == [1]
    assert users.by_email("nobody@example.com") is None


def test_the_service_exposes_only_its_rule() -> None:
    public = {
        n
        for n in vars(UserService)
        if not n.startswith("_") and "__mutmut" not in n  # `make mutants`
    }
    assert public == {"register", "find"}


def test_repository_round_trip(engine: Engine) -> None:
    with Session(engine) as session:
        repo = SqlUserRepository(session)
        ada = repo.add("ada@example.com", "Ada")
        assert ada.id == 1
        assert repo.get(1) == ada
        assert repo.get(2) is None
        assert repo.by_email("ada@example.com") == ada
        assert repo.by_email("ADA@example.com") is None


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_values_are_only_data(engine: Engine, hostile: str) -> None:
    with Session(engine) as session:
        repo = SqlUserRepository(session)
        repo.add("ada@example.com", "Ada")
        # As a search term it matches nothing, and drops nothing.
        assert repo.by_email(hostile) is None
        # Stored and read back, it is the same text.
        stored = repo.add(hostile, hostile)
        assert repo.by_email(hostile) == stored
        assert stored.email == stored.name == hostile
        session.commit()
    assert set(inspect(engine).get_table_names()) == {"users", "outbox"}
    with Session(engine) as session:
        assert session.scalars(
            select(UserRow.email).order_by(UserRow.id)
        ).all() == [
            "ada@example.com",
            hostile,
        ]


def test_outbox_notifier_writes_in_the_same_transaction(
    engine: Engine,
) -> None:
    with Session(engine) as session:
        service = UserService(
            SqlUserRepository(session), OutboxNotifier(session)
        )
        service.register("ada@example.com", "Ada")
        session.rollback()
    with Session(engine) as session:
        assert session.scalars(select(UserRow)).all() == []
        assert session.scalars(select(OutboxRow)).all() == []
    with Session(engine) as session:
        service = UserService(
            SqlUserRepository(session), OutboxNotifier(session)
        )
        user = service.register("ada@example.com", "Ada")
        session.commit()
    with Session(engine) as session:
        [message] = session.scalars(select(OutboxRow)).all()
        assert (message.user_id, message.text) == (user.id, "Welcome, Ada!")


def test_the_parts_play_their_roles() -> None:
    # Checked by mypy: each assignment compiles only if the class fits.
    store: UserStore = InMemoryUsers()
    notifier: Notifier = RecordingNotifier()
    assert store.get(1) is None
    assert isinstance(notifier, RecordingNotifier)


def test_both_stores_refuse_a_taken_email(engine: Engine) -> None:
    memory = InMemoryUsers()
    memory.add("ada@example.com", "Ada")
    with pytest.raises(EmailTakenError, match=r"^ada@example\.com is already"):
        memory.add("ada@example.com", "Ada 2")
    with Session(engine) as session:
        sql = SqlUserRepository(session)
        sql.add("ada@example.com", "Ada")
        with pytest.raises(EmailTakenError, match=r"^ada@example\.com is alr"):
            sql.add("ada@example.com", "Ada 2")
