"""The shared contract (src/examples/oop/abstract_classes/contract.py),
run against both implementations: memory.py and sql.py."""

from __future__ import annotations

import pytest

from examples.oop.abstract_classes.contract import CONTRACT, Check
from examples.oop.abstract_classes.memory import InMemoryUserRepository
from examples.oop.abstract_classes.repository import UserRepository
from examples.oop.abstract_classes.sql import SqlUserRepository

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize("check", CONTRACT, ids=lambda c: c.__name__)
async def test_contract(repository: UserRepository, check: Check) -> None:
    assert isinstance(repository, InMemoryUserRepository | SqlUserRepository)
    await check(repository)


def test_every_check_is_in_the_contract() -> None:
    from examples.oop.abstract_classes import contract

    checks = {
        name
        for name, value in vars(contract).items()
        if callable(value)
        and getattr(value, "__module__", None) == contract.__name__
        and "__mutmut_" not in name  # mutmut's copies, under `make mutants`
    }
    assert checks == {check.__name__ for check in CONTRACT}


class Forgetful(InMemoryUserRepository):
    """Breaks the contract: it reuses ids, as plain SQLite rowids can."""

    async def remove(self, item_id: int) -> bool:
        removed = await super().remove(item_id)
        if removed and item_id == self._last_id:
            self._last_id -= 1
        return removed


async def test_the_contract_catches_a_broken_implementation() -> None:
    from examples.oop.abstract_classes.contract import ids_are_never_reused

    with pytest.raises(AssertionError):
        await ids_are_never_reused(Forgetful())
