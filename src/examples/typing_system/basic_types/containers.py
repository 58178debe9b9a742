"""Collection annotations with the built-in generics (Python 3.9 and later)."""

tags: list[str] = ["fastapi", "python"]
meta: dict[str, int] = {"age": 30}
coords: tuple[float, float] = (12.5, 77.6)
ids: tuple[int, ...] = (1, 2, 3)
roles: set[str] = {"admin"}
