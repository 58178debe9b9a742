"""Exercises 1.3.3-1 and -2's module; the answers are doctests."""

import sys
import typing
from pathlib import Path

import pytest
from pydantic import PydanticUserError, TypeAdapter

from examples.typing_system.structural_typing.exercises import predict
from tests.mypy_check import mypy


def test_the_door_closes() -> None:
    assert predict.Door().close(force=True) == "slammed"
    assert predict.Door().close(force=False) == "closed"
    assert isinstance(predict.Door(), predict.Closer)


def test_a_movie_is_a_dict() -> None:
    movie: predict.Movie = {"title": "Alien", "year": 1979}
    assert type(movie) is dict


def test_mypy_refuses_a_door_as_a_closer(tmp_path: Path) -> None:
    listing = tmp_path / "door.py"
    listing.write_text(
        "from examples.typing_system.structural_typing.exercises.predict"
        " import Closer, Door\n\ncloser: Closer = Door()\n"
    )
    diagnostics = mypy(listing)
    assert diagnostics[0].startswith("3: error: Incompatible types")
    assert diagnostics[0].endswith("[assignment]")


class TypingMovie(typing.TypedDict):
    title: str


def test_pydantic_takes_typing_typeddict_from_python_3_12() -> None:
    if sys.version_info >= (3, 12):
        adapter = TypeAdapter(TypingMovie)
        assert adapter.validate_python({"title": "Alien"}) == {
            "title": "Alien"
        }
    else:
        with pytest.raises(PydanticUserError, match="typing_extensions"):
            TypeAdapter(TypingMovie)
