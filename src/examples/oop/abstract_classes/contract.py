"""What every UserRepository must do: one suite for all implementations.

Each check takes a fresh, empty repository and fails with AssertionError
if the implementation breaks the contract. The tests run every check
against every implementation.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from examples.oop.abstract_classes.repository import (
    ItemNotFoundError,
    UserRepository,
)
from examples.oop.abstract_classes.users import User

HOSTILE = ("1 OR 1=1", "x'; DROP TABLE users; --", "' OR '1'='1")


async def added_users_get_ids_and_read_back(repo: UserRepository) -> None:
    new = User("ada@example.com", "Ada")
    stored = await repo.add(new)
    assert stored.id is not None
    assert stored == User("ada@example.com", "Ada", id=stored.id)
    assert new.id is None  # the argument itself is unchanged
    assert await repo.get(stored.id) == stored
    assert await repo.get_or_raise(stored.id) == stored


async def unknown_ids_are_absent(repo: UserRepository) -> None:
    assert await repo.get(404) is None
    assert await repo.remove(404) is False
    raised: ItemNotFoundError | None = None
    try:
        await repo.get_or_raise(404)
    except ItemNotFoundError as error:
        raised = error
    assert str(raised) == "no item with id 404"


async def list_all_keeps_insertion_order(repo: UserRepository) -> None:
    assert await repo.list_all() == []
    names = ["Cy", "Ada", "Bo"]
    stored = [await repo.add(User(f"{n}@example.com", n)) for n in names]
    assert await repo.list_all() == stored


async def removal_is_reported_once(repo: UserRepository) -> None:
    user = await repo.add(User("ada@example.com", "Ada"))
    assert user.id is not None
    assert await repo.remove(user.id) is True
    assert await repo.remove(user.id) is False
    assert await repo.get(user.id) is None
    assert await repo.list_all() == []


async def ids_are_never_reused(repo: UserRepository) -> None:
    first = await repo.add(User("a@example.com", "A"))
    last = await repo.add(User("b@example.com", "B"))
    assert first.id is not None
    assert last.id is not None
    assert last.id > first.id
    await repo.remove(last.id)
    again = await repo.add(User("c@example.com", "C"))
    assert again.id is not None
    assert again.id > last.id


async def by_email_matches_exactly(repo: UserRepository) -> None:
    ada = await repo.add(User("ada@example.com", "Ada"))
    await repo.add(User("ada@example.com", "Ada again"))
    assert await repo.by_email("ada@example.com") == ada
    assert await repo.by_email("ADA@example.com") is None
    assert await repo.by_email("ada@example") is None


async def hostile_values_are_data(repo: UserRepository) -> None:
    ada = await repo.add(User("ada@example.com", "Ada"))
    for value in HOSTILE:
        assert await repo.by_email(value) is None
    assert await repo.list_all() == [ada]  # nothing dropped, nothing leaked
    for value in HOSTILE:
        stored = await repo.add(User(value, value))
        assert await repo.by_email(value) == stored
    assert len(await repo.list_all()) == 1 + len(HOSTILE)


Check = Callable[[UserRepository], Awaitable[None]]

CONTRACT: tuple[Check, ...] = (
    added_users_get_ids_and_read_back,
    unknown_ids_are_absent,
    list_all_keeps_insertion_order,
    removal_is_reported_once,
    ids_are_never_reused,
    by_email_matches_exactly,
    hostile_values_are_data,
)
