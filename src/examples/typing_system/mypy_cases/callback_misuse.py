"""A callable of the wrong shape; what Callable[..., T] leaves unchecked."""

from typing import Annotated

from fastapi import Depends

from examples.typing_system.advanced_types.callables import (
    RequireRole,
    close_account,
    euros,
    render_all,
    retried,
)


def plain(user_id: int) -> None:
    print(user_id)


def calls(prices: list[int]) -> None:
    render_all(prices, str.upper)
    retried(euros, "12")
    close_account(1, plain)


def mistaken(
    user: Annotated[str, Depends(RequireRole)],
) -> str:
    return f"deleted by {user}"
