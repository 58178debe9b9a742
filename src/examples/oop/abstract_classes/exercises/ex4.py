"""Solution to exercise 1.2.5-4: an application written to the contract."""

from typing import Annotated

from fastapi import Body, FastAPI, HTTPException, status

from examples.oop.abstract_classes.exercises.contract import (
    Note,
    NoteRepository,
)


def create_app(repository: NoteRepository) -> FastAPI:
    """``POST /notes`` and ``GET /notes/{note_id}``, on any repository."""
    app = FastAPI(title="Notes")

    @app.post("/notes", status_code=status.HTTP_201_CREATED)
    def add(title: Annotated[str, Body(embed=True, min_length=1)]) -> Note:
        return repository.add(title)

    @app.get("/notes/{note_id}")
    def get(note_id: int) -> Note:
        note = repository.get(note_id)
        if note is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "no such note")
        return note

    return app
