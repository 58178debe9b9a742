"""A closed set of strings: ``Literal``."""

import dataclasses
from typing import Literal, get_args

Status = Literal["active", "inactive", "pending"]
STATUSES: tuple[Status, ...] = get_args(Status)


@dataclasses.dataclass
class Account:
    """An account whose status is one of three strings."""

    name: str
    status: Status = "pending"


def set_status(account: Account, status: Status) -> None:
    """Change an account's status."""
    account.status = status


def parse_status(text: str) -> Status:
    """Check text from outside the program; narrow it to ``Status``."""
    if text in STATUSES:
        return text
    raise ValueError(f"unknown status {text!r}")
