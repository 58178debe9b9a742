"""A ReadOnly key, imported from typing (Python 3.13 and later)."""

from typing import ReadOnly, TypedDict


class ServerInfo(TypedDict):
    version: ReadOnly[str]
    connections: int


info: ServerInfo = {"version": "1.0", "connections": 0}
info["connections"] += 1
info["version"] = "2.0"
