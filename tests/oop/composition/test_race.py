"""Two registrations of one address race; the database decides, and says 409.

The interleaving is forced with two sessions: B checks first and finds
nothing, A registers and commits, then B adds. The unsafe variant (a plain
flush, as before) lets the unique constraint escape as an IntegrityError,
which FastAPI turns into a 500.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from examples.oop.composition.doubles import RecordingNotifier
from examples.oop.composition.service import EmailTakenError, UserService
from examples.oop.composition.tables import OutboxRow, UserRow
from examples.oop.composition.users import SqlUserRepository, User, to_user

EMAIL = "ada@example.com"


class FlushOnly(SqlUserRepository):
    """The repository that does not translate the error: unsafe variant."""

    def add(self, email: str, name: str) -> User:
        row = UserRow(email=email, name=name)
        self.session.add(row)
        self.session.flush()
        return to_user(row)


def race(engine: Engine, repository: type[SqlUserRepository]) -> None:
    sessions = sessionmaker(engine)
    with sessions() as a, sessions() as b:
        service_b = UserService(repository(b), RecordingNotifier())
        assert service_b.users.by_email(EMAIL) is None  # B checks first
        UserService(repository(a), RecordingNotifier()).register(EMAIL, "A")
        a.commit()  # A wins
        service_b.users.add(EMAIL, "B")  # B acts on a stale check


def test_the_loser_gets_email_taken(engine: Engine) -> None:
    with pytest.raises(EmailTakenError, match="already registered"):
        race(engine, SqlUserRepository)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(UserRow)) == 1


def test_without_the_translation_the_constraint_escapes(
    engine: Engine,
) -> None:
    with pytest.raises(IntegrityError, match="UNIQUE constraint failed"):
        race(engine, FlushOnly)


class OneFlush(SqlUserRepository):
    """The unsafe variant: earlier pending writes share the guarded flush."""

    def add(self, email: str, name: str) -> User:
        row = UserRow(email=email, name=name)
        self.session.add(row)
        try:
            self.session.flush()
        except IntegrityError as error:
            raise EmailTakenError(f"{email} is already registered") from error
        return to_user(row)


def add_after_a_bad_pending_write(
    engine: Engine, repository: type[SqlUserRepository]
) -> None:
    with Session(engine) as session:
        session.add(OutboxRow(user_id=None, text="orphan"))
        repository(session).add("fresh@example.com", "Fresh")


def test_another_failure_is_not_reported_as_a_taken_email(
    engine: Engine,
) -> None:
    with pytest.raises(IntegrityError, match="NOT NULL constraint failed"):
        add_after_a_bad_pending_write(engine, SqlUserRepository)


def test_one_flush_for_everything_mislabels_the_failure(
    engine: Engine,
) -> None:
    with pytest.raises(EmailTakenError) as caught:
        add_after_a_bad_pending_write(engine, OneFlush)
    assert "NOT NULL constraint failed: outbox.user_id" in str(
        caught.value.__cause__
    )
