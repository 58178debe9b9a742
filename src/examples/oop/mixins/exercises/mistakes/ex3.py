"""A wrong answer to exercise 1.2.4-3: the input ignores unknown keys."""

from pydantic import AwareDatetime, BaseModel, Field


class ProductIn(BaseModel):
    """Drops ``owner_id`` silently, so a client never learns of it."""

    name: str = Field(min_length=1)
    price_cents: int = Field(gt=0)


class ProductOut(ProductIn):
    """What the server answers: the input plus server-owned fields."""

    id: int
    owner_id: int
    created_at: AwareDatetime
