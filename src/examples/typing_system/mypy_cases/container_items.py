"""Collections whose contents do not match their annotations."""

tags: list[str] = ["fastapi", 3]
meta: dict[str, int] = {"age": "30"}
coords: tuple[float, float] = (12.5, 77.6, 0.0)
ids: tuple[int, ...] = (1, 2, "3")
