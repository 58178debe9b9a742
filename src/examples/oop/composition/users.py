"""Users as the application sees them, and their SQL repository."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from examples.oop.composition.tables import UserRow


@dataclass(frozen=True)
class User:
    """A registered user: plain data, free of any database session."""

    id: int
    email: str
    name: str


class EmailTakenError(Exception):
    """Registration with an email address that already has a user."""


def to_user(row: UserRow) -> User:
    return User(id=row.id, email=row.email, name=row.name)


class SqlUserRepository:
    """Users stored in a SQL database; it *has* a session, it is not one."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, email: str, name: str) -> User:
        # Earlier pending writes of the request go first, outside the
        # try: their own failures must not be reported as a taken email.
        self.session.flush()
        row = UserRow(email=email, name=name)
        self.session.add(row)
        try:
            self.session.flush()  # sends the INSERT, so the row gets its id
        except IntegrityError as error:
            # This flush holds only the INSERT, and the unique email is the
            # only constraint validated input can violate. The transaction
            # is now failed: the request that owns it rolls it back whole.
            raise EmailTakenError(f"{email} is already registered") from error
        return to_user(row)

    def get(self, user_id: int) -> User | None:
        row = self.session.get(UserRow, user_id)
        return None if row is None else to_user(row)

    def by_email(self, email: str) -> User | None:
        query = select(UserRow).where(UserRow.email == email)
        row = self.session.scalars(query).one_or_none()
        return None if row is None else to_user(row)
