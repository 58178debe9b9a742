"""Solution to exercise 1.2.4-3: input and output models for products."""

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class ProductIn(BaseModel):
    """What a client may choose, and nothing else."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    price_cents: int = Field(gt=0)


class ProductOut(ProductIn):
    """What the server answers: the input plus server-owned fields."""

    id: int
    owner_id: int
    created_at: AwareDatetime
