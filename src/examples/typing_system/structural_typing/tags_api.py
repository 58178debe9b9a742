"""Request bodies typed as TypedDicts and as a pydantic model."""

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict

# pydantic needs typing_extensions.TypedDict before Python 3.12
from typing_extensions import TypedDict

app = FastAPI(title="Tags")


class TagIn(TypedDict):
    """An open TypedDict: other keys may be present."""

    name: str
    color: str


class StrictTagIn(TypedDict, closed=True):
    """A closed TypedDict: no other keys."""

    name: str
    color: str


class TagModel(BaseModel):
    """The same body as a model: a default, and extra keys refused."""

    model_config = ConfigDict(extra="forbid")

    name: str
    color: str = "grey"


@app.post("/tags")
def create_tag(tag: TagIn) -> TagIn:
    """Echo the validated body: a plain ``dict``."""
    return tag


@app.post("/strict-tags")
def create_strict_tag(tag: StrictTagIn) -> StrictTagIn:
    """Echo the validated body of a closed TypedDict."""
    return tag


@app.post("/model-tags")
def create_model_tag(tag: TagModel) -> TagModel:
    """Echo the validated body: a ``TagModel`` instance."""
    return tag
