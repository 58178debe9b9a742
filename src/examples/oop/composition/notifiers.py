"""Ways to tell a user something: the production one and a test double."""

from __future__ import annotations

from sqlalchemy.orm import Session

from examples.oop.composition.tables import OutboxRow
from examples.oop.composition.users import User


class OutboxNotifier:
    """Queue each message in the database, in the request's transaction.

    A separate worker delivers the outbox; because the message is written
    with the change that caused it, it exists exactly when the change does.
    """

    def __init__(self, session: Session) -> None:
        self.session = session

    def notify(self, user: User, text: str) -> None:
        self.session.add(OutboxRow(user_id=user.id, text=text))
