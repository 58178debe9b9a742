"""Walking a chain of parents: recursion lets the client pick the depth.

Each category names its parent; the depth of a category is the length of
its chain up to a root. The request body is a flat list, so the client
decides how long the chain is.
"""

from fastapi import FastAPI, HTTPException, status
from pydantic import BaseModel

app = FastAPI(title="Categories")


class Category(BaseModel):
    """One category and the id of its parent (``None`` for a root)."""

    id: int
    parent_id: int | None = None


def depth_recursive(parents: dict[int, int | None], category_id: int) -> int:
    """One Python frame per level: fails beyond the recursion limit."""
    parent = parents[category_id]
    if parent is None:
        return 1
    return 1 + depth_recursive(parents, parent)


def depth_iterative(parents: dict[int, int | None], category_id: int) -> int:
    """One frame whatever the depth; a cycle or an unknown id is reported."""
    depth = 0
    current: int | None = category_id
    while current is not None:
        if current not in parents:
            raise ValueError(f"unknown category {current}")
        depth += 1
        if depth > len(parents):
            raise ValueError("the chain of parents has a cycle")
        current = parents[current]
    return depth


def parents_of(categories: list[Category]) -> dict[int, int | None]:
    """Map each category's id to its parent's id."""
    return {category.id: category.parent_id for category in categories}


@app.post("/recursive/{category_id}")
def recursive(category_id: int, body: list[Category]) -> dict[str, int]:
    """Depth by recursion: a long chain makes this fail with status 500."""
    return {"depth": depth_recursive(parents_of(body), category_id)}


@app.post("/iterative/{category_id}")
def iterative(category_id: int, body: list[Category]) -> dict[str, int]:
    """Depth by a loop: any chain the body can hold."""
    try:
        depth = depth_iterative(parents_of(body), category_id)
    except ValueError as exc:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)
        ) from None
    return {"depth": depth}
