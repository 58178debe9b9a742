"""Exercise 1.2.4-2: an input model that ignores unknown keys."""

from pydantic import BaseModel, ConfigDict


class SignUp(BaseModel):
    """What a client sends to sign up (pydantic's default config)."""

    name: str


class StrictSignUp(BaseModel):
    """The same, refusing any other key."""

    model_config = ConfigDict(extra="forbid")

    name: str
