"""Closed TypedDicts (PEP 728) from typing_extensions."""

from typing_extensions import TypedDict

from examples.typing_system.structural_typing.typed_dicts import Point


class OpenPoint(TypedDict):
    x: int
    y: int


class Point3D(TypedDict):
    x: int
    y: int
    z: int


def draw(point: Point) -> None: ...


def draw_open(point: OpenPoint) -> None: ...


corner: Point3D = {"x": 1, "y": 2, "z": 3}
draw_open(corner)
draw(corner)


class Labels(TypedDict, extra_items=str):
    name: str
