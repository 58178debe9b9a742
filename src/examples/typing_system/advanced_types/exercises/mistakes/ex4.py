"""A wrong answer to exercise 1.3.2-4: every field, sent or not."""

from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict


class Profile(BaseModel):
    """A user's profile."""

    nickname: str | None
    bio: str | None


class ProfilePatch(BaseModel):
    """The fields a client wants to change; null clears one."""

    model_config = ConfigDict(extra="forbid")

    nickname: str | None = None
    bio: str | None = None


def create_app() -> FastAPI:
    """A patch that leaves out ``bio`` clears it."""
    app = FastAPI(title="Profile")
    state = {"profile": Profile(nickname="ada", bio="Engines.")}

    @app.get("/profile")
    async def read() -> Profile:
        return state["profile"]

    @app.patch("/profile")
    async def update(patch: ProfilePatch) -> Profile:
        state["profile"] = state["profile"].model_copy(
            update=patch.model_dump()
        )
        return state["profile"]

    return app
