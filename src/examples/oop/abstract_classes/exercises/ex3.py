"""Solution to exercise 1.2.5-3: the note repository in SQLite."""

import sqlite3
import threading

from examples.oop.abstract_classes.exercises.contract import (
    Note,
    NoteRepository,
)


class SqliteNoteRepository(NoteRepository):
    """Notes in a SQLite database, with bound parameters only.

    One connection, shared by the threads that run ``def`` endpoints
    (opened with ``check_same_thread=False``): a lock lets one method use
    it at a time.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.lock = threading.Lock()
        with self.lock, connection:
            connection.execute(
                "CREATE TABLE IF NOT EXISTS notes"
                " (id INTEGER PRIMARY KEY, title TEXT NOT NULL)"
            )

    def add(self, title: str) -> Note:
        """Store a new note; return it with its id."""
        with self.lock, self.connection:  # commit, or roll back on error
            cursor = self.connection.execute(
                "INSERT INTO notes (title) VALUES (?)", (title,)
            )
        if cursor.lastrowid is None:  # not under -O: no assert
            raise RuntimeError("SQLite gave the new note no id")
        return Note(cursor.lastrowid, title)

    def get(self, note_id: int) -> Note | None:
        """The note with this id, or None."""
        with self.lock:
            row = self.connection.execute(
                "SELECT id, title FROM notes WHERE id = ?", (note_id,)
            ).fetchone()
        return None if row is None else Note(*row)

    def by_title(self, title: str) -> list[Note]:
        """Every note with exactly this title, by id."""
        with self.lock:
            rows = self.connection.execute(
                "SELECT id, title FROM notes WHERE title = ? ORDER BY id",
                (title,),
            ).fetchall()
        return [Note(*row) for row in rows]
