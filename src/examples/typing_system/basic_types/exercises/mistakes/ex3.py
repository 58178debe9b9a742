"""A wrong answer to exercise 1.3.1-3: types without the limits."""

from fastapi import FastAPI


def create_app() -> FastAPI:
    """Any string, any page number, page 0 and page -5 included."""
    app = FastAPI(title="Search")

    @app.get("/search")
    def search(q: str, page: int = 1) -> dict[str, str | int]:
        return {"q": q, "page": page}

    return app
