"""Tests for src/examples/typing_system/advanced_types/generics.py."""

from __future__ import annotations

from examples.typing_system.advanced_types.generics import ApiResponse, first


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
