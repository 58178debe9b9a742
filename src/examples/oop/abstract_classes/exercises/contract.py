"""The contract of exercises 1.2.5-3 and 1.2.5-4: a note repository."""

from abc import ABC, abstractmethod
from dataclasses import dataclass


@dataclass(frozen=True)
class Note:
    """A stored note."""

    id: int
    title: str


class NoteRepository(ABC):
    """Keeps notes."""

    @abstractmethod
    def add(self, title: str) -> Note:
        """Store a new note; return it with its id."""

    @abstractmethod
    def get(self, note_id: int) -> Note | None:
        """The note with this id, or None."""

    @abstractmethod
    def by_title(self, title: str) -> list[Note]:
        """Every note with exactly this title, by id."""
