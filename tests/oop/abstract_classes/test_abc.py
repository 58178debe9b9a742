"""Tests for src/examples/oop/abstract_classes/repository.py and users.py."""

from __future__ import annotations

import re
from dataclasses import FrozenInstanceError
from pathlib import Path
from typing import Any

import pytest

from examples.oop.abstract_classes.memory import InMemoryUserRepository
from examples.oop.abstract_classes.repository import (
    ItemNotFoundError,
    Repository,
    UserRepository,
)
from examples.oop.abstract_classes.users import User
from tests.oop.checker import CASES, corrected, mypy


def test_the_abstract_methods() -> None:
    assert Repository.__abstractmethods__ == {
        "add",
        "get",
        "list_all",
        "remove",
    }
    assert UserRepository.__abstractmethods__ == {
        "add",
        "get",
        "list_all",
        "remove",
        "by_email",
    }
    assert InMemoryUserRepository.__abstractmethods__ == frozenset()
    assert issubclass(ItemNotFoundError, LookupError)


@pytest.mark.parametrize("cls", [Repository, UserRepository])
def test_abstract_classes_cannot_be_instantiated(cls: Any) -> None:
    # The wording changed in Python 3.12; both name the class.
    pattern = rf"Can't instantiate abstract class {cls.__name__} with"
    with pytest.raises(TypeError, match=re.escape(pattern) + "(out)?"):
        cls()


def test_users_are_immutable() -> None:
    user = User("ada@example.com", "Ada")
    with pytest.raises(FrozenInstanceError):
        user.id = 1  # type: ignore[misc]


def test_mypy_rejects_instantiating_an_incomplete_class(
    tmp_path: Path,
) -> None:
    case = "abstract_instantiation.py"
    assert mypy(CASES / case) == [
        '21: error: Cannot instantiate abstract class "HalfDone" with '
        'abstract attribute "remove"  [abstract]'
    ]
    fixed = corrected(
        case,
        "\n\nrepo = HalfDone()\n",
        "\n    async def remove(self, item_id: int) -> bool:\n"
        "        return False\n\n\nrepo = HalfDone()\n",
        tmp_path,
    )
    assert mypy(fixed) == []
