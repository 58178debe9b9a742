"""A wrong answer to exercise 1.1.2-4: a count per app, without a lock.

``def`` endpoints run in a pool of threads: two visits at once can both
add to the count before either answers, and both answer the same total.
"""

from fastapi import FastAPI


def create_app() -> FastAPI:
    """A new application with its own visit count, unguarded."""
    app = FastAPI(title="Visits")
    visits = 0

    @app.post("/visits")
    def visit() -> dict[str, int]:
        nonlocal visits
        visits += 1  # read, add, write: another thread may come between
        return {"visits": visits}

    return app
