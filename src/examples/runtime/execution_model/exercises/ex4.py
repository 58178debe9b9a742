"""Solution to exercise 1.1.2-4: state that belongs to one application."""

import threading

from fastapi import FastAPI


def create_app() -> FastAPI:
    """A new application with its own visit count, from zero."""
    app = FastAPI(title="Visits")
    lock = threading.Lock()  # def endpoints run in a thread pool
    visits = 0

    @app.post("/visits")
    def visit() -> dict[str, int]:
        nonlocal visits
        with lock:
            visits += 1
            return {"visits": visits}

    return app
