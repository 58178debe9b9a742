"""A wrong answer to exercise 1.2.5-3: SQL built with an f-string."""

import sqlite3

from examples.oop.abstract_classes.exercises.contract import (
    Note,
    NoteRepository,
)


class SqliteNoteRepository(NoteRepository):
    """Works for ordinary titles; a crafted title rewrites the query."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        connection.execute(
            "CREATE TABLE IF NOT EXISTS notes"
            " (id INTEGER PRIMARY KEY, title TEXT NOT NULL)"
        )

    def add(self, title: str) -> Note:
        """Store a new note; return it with its id."""
        with self.connection:
            cursor = self.connection.execute(
                "INSERT INTO notes (title) VALUES (?)", (title,)
            )
        assert cursor.lastrowid is not None
        return Note(cursor.lastrowid, title)

    def get(self, note_id: int) -> Note | None:
        """The note with this id, or None."""
        row = self.connection.execute(
            "SELECT id, title FROM notes WHERE id = ?", (note_id,)
        ).fetchone()
        return None if row is None else Note(*row)

    def by_title(self, title: str) -> list[Note]:
        """The title is pasted into the SQL text: injection."""
        rows = self.connection.execute(
            f"SELECT id, title FROM notes WHERE title = '{title}' ORDER BY id"  # noqa: S608 - the mistake
        )
        return [Note(*row) for row in rows]
