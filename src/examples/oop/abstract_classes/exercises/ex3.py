"""Solution to exercise 1.2.5-3: the note repository in SQLite."""

import sqlite3

from examples.oop.abstract_classes.exercises.contract import (
    Note,
    NoteRepository,
)


class SqliteNoteRepository(NoteRepository):
    """Notes in a SQLite database, with bound parameters only."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        connection.execute(
            "CREATE TABLE IF NOT EXISTS notes"
            " (id INTEGER PRIMARY KEY, title TEXT NOT NULL)"
        )

    def add(self, title: str) -> Note:
        """Store a new note; return it with its id."""
        with self.connection:  # commit, or roll back on error
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
        """Every note with exactly this title, by id."""
        rows = self.connection.execute(
            "SELECT id, title FROM notes WHERE title = ? ORDER BY id",
            (title,),
        )
        return [Note(*row) for row in rows]
