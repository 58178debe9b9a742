"""Exercise 1.2.4-3: input and output models for products.

Define ``ServerFields`` (a mixin: ``id``, ``owner_id`` and an aware
``created_at``), ``ProductIn`` (``name``, ``price_cents``) and
``ProductOut`` (those plus ``ServerFields``').
"""

from pydantic import BaseModel


class ProductIn(BaseModel):
    """What a client may choose, and nothing else."""

    def __init__(self) -> None:
        raise NotImplementedError("exercise 1.2.4-3")
