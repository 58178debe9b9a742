"""What mypy infers through a TypeVar, and what it refuses."""

from typing import reveal_type

from examples.typing_system.advanced_types.generics import ApiResponse, first

reveal_type(first(["a", "b"]))
reveal_type(first((1, 2)))
reveal_type(ApiResponse([1.5]).data)

count: ApiResponse[int] = ApiResponse(7)
wrong: ApiResponse[int] = ApiResponse("seven")
