"""Exercise 1.2.5-3: the note repository in SQLite."""

import sqlite3

from examples.oop.abstract_classes.exercises.contract import (
    Note,
    NoteRepository,
)


class SqliteNoteRepository(NoteRepository):
    """Notes in a SQLite database, with bound parameters only."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        raise NotImplementedError("exercise 1.2.5-3")

    def add(self, title: str) -> Note:
        """Store a new note; return it with its id."""
        raise NotImplementedError("exercise 1.2.5-3")

    def get(self, note_id: int) -> Note | None:
        """The note with this id, or None."""
        raise NotImplementedError("exercise 1.2.5-3")

    def by_title(self, title: str) -> list[Note]:
        """Every note with exactly this title, by id."""
        raise NotImplementedError("exercise 1.2.5-3")
