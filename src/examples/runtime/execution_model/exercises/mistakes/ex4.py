"""A wrong answer to exercise 1.1.2-4: the count lives in the module."""

import threading

from fastapi import FastAPI

lock = threading.Lock()
visits = {"count": 0}  # module code runs once: one count per process


def create_app() -> FastAPI:
    """Every application of the process shares one count."""
    app = FastAPI(title="Visits")

    @app.post("/visits")
    def visit() -> dict[str, int]:
        with lock:
            visits["count"] += 1
            return {"visits": visits["count"]}

    return app
