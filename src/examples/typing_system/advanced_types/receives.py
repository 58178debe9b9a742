"""What an endpoint receives: pydantic's rules for text and JSON input."""

import datetime as dt
import enum
from typing import Annotated, Literal

from fastapi import FastAPI, Query
from pydantic import BaseModel, ConfigDict, Strict

app = FastAPI(title="What an endpoint receives")


def described(value: object) -> dict[str, str]:
    """The type and repr of what an endpoint was given."""
    return {"type": type(value).__name__, "value": repr(value)}


# [unions]
@app.get("/smart")
def smart(v: int | str) -> dict[str, str]:
    return described(v)


@app.get("/floats")
def floats(v: float | int) -> dict[str, str]:
    return described(v)


@app.get("/ordered")
def ordered(
    v: Annotated[int | str, Query(union_mode="left_to_right")],
) -> dict[str, str]:
    return described(v)


# [end unions]


# [strict]
@app.get("/strict")
def strict_query(n: Annotated[int, Strict()]) -> int:
    return n


class Reading(BaseModel):
    """A sensor reading; strict: no conversion of any field."""

    model_config = ConfigDict(strict=True)

    sensor: int
    taken_at: dt.datetime


class LaxReading(BaseModel):
    """The same reading, strict about the sensor number only."""

    sensor: Annotated[int, Strict()]
    taken_at: dt.datetime


@app.post("/readings")
def add_reading(reading: Reading) -> dict[str, str]:
    return described(reading.taken_at)


@app.post("/lax-readings")
def add_lax_reading(reading: LaxReading) -> dict[str, str]:
    return described(reading.taken_at)


# [end strict]


# [choices]
class Finish(enum.StrEnum):
    MATT = "matt"
    GLOSS = "gloss"


@app.get("/paint")
def paint(finish: Finish, color: Literal["red", "blue"]) -> str:
    return f"{color} {finish.value}"


@app.get("/pages")
def pages(size: Literal[10, 50]) -> int:
    return size


class Size(enum.IntEnum):
    SMALL = 10
    LARGE = 50


@app.get("/sizes")
def sizes(size: Size) -> dict[str, str]:
    return described(size)


# [end choices]
