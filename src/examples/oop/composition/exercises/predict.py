"""Exercises 1.2.3-1 and 1.2.3-2: how FastAPI builds the parts."""

from typing import Annotated

from fastapi import Depends, FastAPI

calls: list[str] = []


def get_settings() -> dict[str, str]:
    """The settings every part reads."""
    calls.append("settings")
    return {"region": "eu"}


def get_repository(
    settings: Annotated[dict[str, str], Depends(get_settings)],
) -> str:
    """A repository for the settings' region."""
    return f"repository in {settings['region']}"


app = FastAPI(title="Parts")


@app.get("/parts")
def parts(
    repository: Annotated[str, Depends(get_repository)],
    settings: Annotated[dict[str, str], Depends(get_settings)],
) -> dict[str, str]:
    """Both parts, for one request."""
    return {"repository": repository, "region": settings["region"]}
