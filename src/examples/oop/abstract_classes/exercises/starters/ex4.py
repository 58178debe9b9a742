"""Exercise 1.2.5-4: an application written to the contract."""

from fastapi import FastAPI

from examples.oop.abstract_classes.exercises.contract import NoteRepository


def create_app(repository: NoteRepository) -> FastAPI:
    """``POST /notes`` and ``GET /notes/{note_id}``, on any repository."""
    raise NotImplementedError("exercise 1.2.5-4")
