"""Solution to exercise 1.3.2-4: PATCH that tells "absent" from null."""

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
    """``GET /profile`` and ``PATCH /profile``."""
    app = FastAPI(title="Profile")
    state = {"profile": Profile(nickname="ada", bio="Engines.")}

    @app.get("/profile")
    async def read() -> Profile:
        return state["profile"]

    @app.patch("/profile")
    async def update(patch: ProfilePatch) -> Profile:
        changes = patch.model_dump(exclude_unset=True)  # only what was sent
        merged = state["profile"].model_dump() | changes
        state["profile"] = Profile.model_validate(merged)  # validated again
        return state["profile"]

    return app
