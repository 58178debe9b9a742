"""Tests for src/examples/typing_system/advanced_types/literals.py."""

from __future__ import annotations

from typing import get_args

import pytest

from examples.typing_system.advanced_types.literals import (
    STATUSES,
    Account,
    Status,
    parse_status,
    set_status,
)


def test_the_statuses_are_read_from_the_literal() -> None:
    assert STATUSES == get_args(Status) == ("active", "inactive", "pending")


def test_set_status_changes_the_account() -> None:
    account = Account("ada")
    assert account == Account("ada", "pending")
    set_status(account, "active")
    assert account == Account("ada", "active")


def test_python_does_not_enforce_the_literal() -> None:
    account = Account("ada")
    set_status(account, "deleted")  # type: ignore[arg-type]
    assert vars(account) == {"name": "ada", "status": "deleted"}


@pytest.mark.parametrize("text", ["active", "inactive", "pending"])
def test_parse_status_accepts_each_status(text: str) -> None:
    assert parse_status(text) == text


def test_parse_status_refuses_other_text() -> None:
    with pytest.raises(ValueError, match="unknown status 'deleted'"):
        parse_status("deleted")
