"""Annotations stored as strings: ``from __future__ import annotations``."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass
class Category:
    """A tree: each category holds categories of the same class."""

    name: str
    # A bare `list` would do at run time; pyright's strict mode infers
    # `list[Unknown]` from it, so the factory names the item type too.
    children: list[Category] = dataclasses.field(
        default_factory=list["Category"]
    )
