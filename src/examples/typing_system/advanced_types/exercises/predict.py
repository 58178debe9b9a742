"""Exercises 1.3.2-1 and 1.3.2-2: Optional fields and Literal values."""

from typing import Literal

from fastapi import FastAPI
from pydantic import BaseModel


class Contact(BaseModel):
    """A contact; the phone number may be null."""

    name: str
    phone: str | None


app = FastAPI(title="Listing")


@app.get("/users")
def users(order: Literal["asc", "desc"] = "asc") -> dict[str, str]:
    """The users, in the order asked for."""
    return {"order": order}
