"""Solution to exercise 1.2.4-3: input and output models for products."""

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field


class ProductFields(BaseModel):
    """The fields a client chooses, shared by both models."""

    name: str = Field(min_length=1)
    price_cents: int = Field(gt=0)


class ServerFields(BaseModel):
    """A mixin: the fields the server owns, for output models only."""

    id: int
    owner_id: int
    created_at: AwareDatetime


class ProductIn(ProductFields):
    """What a client may choose, and nothing else."""

    model_config = ConfigDict(extra="forbid")


class ProductOut(ServerFields, ProductFields):
    """What the server answers; a row's other columns are left out."""
