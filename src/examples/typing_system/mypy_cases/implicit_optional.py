"""The tutorials' ``q: str = None``: a default the annotation forbids."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/legacy")
def legacy(q: str = None) -> str:  # noqa: RUF013 (ruff flags it too)
    return repr(q)
