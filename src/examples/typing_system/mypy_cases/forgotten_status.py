"""A status forgotten in a chain of checks; assert_never catches it."""

from typing import assert_never

from examples.typing_system.advanced_types.literals import Status


def label(status: Status) -> str:
    if status == "active":
        return "Active"
    elif status == "inactive":
        return "Inactive"
    else:
        assert_never(status)
