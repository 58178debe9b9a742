"""A wrong answer to exercise 1.2.5-4: a missing note is a 200."""

from fastapi import Body, FastAPI, status

from examples.oop.abstract_classes.exercises.contract import (
    Note,
    NoteRepository,
)


def create_app(repository: NoteRepository) -> FastAPI:
    """Answers ``null`` with 200 for a note that does not exist."""
    app = FastAPI(title="Notes")

    @app.post("/notes", status_code=status.HTTP_201_CREATED)
    def add(title: str = Body(embed=True, min_length=1)) -> Note:
        return repository.add(title)

    @app.get("/notes/{note_id}")
    def get(note_id: int) -> Note | None:
        return repository.get(note_id)

    return app
