"""Tests for src/examples/typing_system/advanced_types/generics.py."""

from __future__ import annotations

from pathlib import Path

from examples.typing_system.advanced_types.generics import ApiResponse, first
from tests.mypy_check import mypy
from tests.pyright_check import pyright


def test_first_returns_the_first_item() -> None:
    assert first(["a", "b"]) == "a"
    assert first((1, 2)) == 1


def test_api_response_wraps_any_data() -> None:
    response = ApiResponse([1.5])
    assert (response.data, response.message) == ([1.5], "success")
    assert ApiResponse(7, message="created").message == "created"


def test_the_type_parameter_is_not_checked_at_run_time() -> None:
    response = ApiResponse[int]("seven")  # type: ignore[arg-type]
    assert type(response) is ApiResponse
    data: object = response.data
    assert data == "seven"


EXPECTED = """\
from examples.typing_system.advanced_types.generics import ApiResponse

ratio: ApiResponse[float] = ApiResponse(7)
inferred = ApiResponse(7)
again: ApiResponse[float] = inferred
"""


def test_both_checkers_solve_t_from_the_declared_type_first(
    tmp_path: Path,
) -> None:
    listing = tmp_path / "expected.py"
    listing.write_text(EXPECTED)
    # Line 3 is accepted: T is float there. Line 5 is refused: without a
    # declared type, ApiResponse(7) is ApiResponse[int], and T is invariant.
    [error] = mypy(listing)
    assert error.startswith("5: error: Incompatible types in assignment")
    assert pyright(listing) == ["5: error [reportAssignmentType]"]
