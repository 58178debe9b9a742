"""Annotations stored as strings: ``from __future__ import annotations``."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass
class Category:
    """A tree: each category holds categories of the same class."""

    name: str
    children: list[Category] = dataclasses.field(default_factory=list)
