"""Tests for src/examples/typing_system/advanced_types/callables.py.

Listing: examples.typing_system.mypy_cases.callback_misuse (checked by
both type checkers, never run).
"""

# No `from __future__ import annotations`: FastAPI must resolve the local
# dependency classes of the tests, which a string annotation hides.
import asyncio
import inspect
import secrets
import threading
from collections.abc import Iterator
from typing import Annotated

import pytest
from fastapi import Depends, FastAPI, Header
from fastapi.testclient import TestClient

from examples.typing_system.advanced_types import callables
from examples.typing_system.checker import run_mypy, run_pyright


@pytest.fixture(autouse=True)
def nothing_sent() -> Iterator[None]:
    callables.sent.clear()
    yield
    callables.sent.clear()


def test_a_formatter_is_applied_to_each_price() -> None:
    assert callables.render_all([1250, 99, 5], callables.euros) == [
        "12.50 EUR",
        "0.99 EUR",
        "0.05 EUR",
    ]


def test_retried_tries_three_times_then_gives_up() -> None:
    attempts: list[int] = []

    def flaky() -> str:
        attempts.append(1)
        if len(attempts) < 3:
            raise ConnectionError
        return "ok"

    assert callables.retried(flaky) == "ok"
    assert len(attempts) == 3

    def down() -> str:
        attempts.append(1)
        raise ConnectionError

    attempts.clear()
    with pytest.raises(ConnectionError):
        callables.retried(down)
    assert len(attempts) == 3


def test_retried_does_not_swallow_other_errors() -> None:
    with pytest.raises(TypeError, match="unsupported operand"):
        callables.retried(callables.euros, "12")


def test_the_notifier_is_called_with_the_keyword() -> None:
    callables.close_account(7, callables.email)
    callables.email(8)
    assert callables.sent == [(7, True), (8, False)]


ADA = {"x-api-key": "key-ada"}  # test fixtures, not secrets
BOB = {"x-api-key": "key-bob"}
CY = {"x-api-key": "key-cy"}


def test_the_role_comes_from_the_users_key() -> None:
    client = TestClient(callables.app)
    assert client.get("/reports", headers=BOB).json() == "reports for bob"
    assert client.delete("/reports", headers=ADA).json() == "deleted by ada"
    refused = client.delete("/reports", headers=BOB)
    assert (refused.status_code, refused.json()) == (
        403,
        {"detail": "needs admin"},
    )
    for headers in ({}, {"x-api-key": "key-eve"}, {b"x-api-key": b"k\xe9y"}):
        answer = client.get("/reports", headers=headers)
        detail = "unknown API key" if headers else "missing API key"
        assert (answer.status_code, answer.json()) == (401, {"detail": detail})
        assert answer.headers["www-authenticate"] == "APIKey"


def test_the_mistaken_apps_attack_is_refused_by_the_correct_app() -> None:
    """What lets a client in through ``Depends(RequireRole)`` (below) gets
    401 here: the role is the key's, not one the client names."""
    client = TestClient(callables.app)
    attacks: list[dict[str, object]] = [
        {"params": {"role": "admin"}},
        {"headers": {"x-role": "admin"}},
        {"params": {"role": "admin"}, "headers": {"x-role": "admin"}},
    ]
    for attack in attacks:
        answer = client.delete("/reports", **attack)  # type: ignore[arg-type]
        assert answer.status_code == 401, attack
        assert answer.json() == {"detail": "missing API key"}
        assert answer.headers["www-authenticate"] == "APIKey"


def test_a_user_without_the_role_is_refused() -> None:
    refused = TestClient(callables.app).get("/reports", headers=CY)
    assert (refused.status_code, refused.json()) == (
        403,
        {"detail": "needs auditor"},
    )


def test_a_missing_key_is_never_looked_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The unsafe variant is a table with an empty entry (a key read from an
    # unset variable): without the guard, no key at all would let one in.
    ops = callables.User(name="ops", roles=frozenset({"admin"}))
    monkeypatch.setitem(callables.USERS_BY_DIGEST, callables.digest(""), ops)
    client = TestClient(callables.app)
    for headers in ({}, {"x-api-key": ""}):
        answer = client.delete("/reports", headers=headers)
        assert (answer.status_code, answer.json()) == (
            401,
            {"detail": "missing API key"},
        )
        assert answer.headers["www-authenticate"] == "APIKey"


def test_keys_are_compared_as_digests_in_constant_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[type, type, int, int]] = []
    compare = secrets.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        seen.append((type(a), type(b), len(a), len(b)))
        return compare(a, b)

    monkeypatch.setattr(secrets, "compare_digest", spy)
    client = TestClient(callables.app)
    assert client.get("/reports", headers=BOB).status_code == 200
    assert (
        client.get("/reports", headers={"x-api-key": "x"}).status_code == 401
    )
    assert seen
    assert set(seen) == {(bytes, bytes, 32, 32)}


def test_fastapi_reads_call_without_self() -> None:
    signature = inspect.signature(callables.RequireRole("admin"))
    assert list(signature.parameters) == ["user"]
    [header] = callables.app.openapi()["paths"]["/reports"]["delete"][
        "parameters"
    ]
    assert (header["in"], header["name"]) == ("header", "x-api-key")


def test_the_class_itself_lets_the_client_choose_the_role() -> None:
    app = FastAPI()

    @app.delete("/reports")
    def delete_all(
        checker: Annotated[
            callables.RequireRole, Depends(callables.RequireRole)
        ],
    ) -> str:
        return f"deleted by {checker.role}"

    client = TestClient(app)
    answer = client.delete("/reports", params={"role": "admin"})
    assert answer.json() == "deleted by admin"  # no key was needed
    assert list(
        app.openapi()["paths"]["/reports"]["delete"]["parameters"][0].items()
    )[:2] == [("name", "role"), ("in", "query")]


def test_annotated_str_with_the_class_runs_with_a_requirerole() -> None:
    """callback_misuse.mistaken: both checkers accept it (see below), and
    the ``str`` parameter receives a RequireRole instance."""
    from examples.typing_system.mypy_cases import callback_misuse

    app = FastAPI()
    app.delete("/reports")(callback_misuse.mistaken)
    answer = TestClient(app).delete("/reports", params={"role": "admin"})
    assert answer.status_code == 200
    assert answer.json().startswith(
        "deleted by <examples.typing_system.advanced_types.callables."
        "RequireRole object at 0x"
    )


def test_an_async_call_runs_on_the_event_loop() -> None:
    threads: dict[str, bool] = {}

    class SyncRole:
        def __call__(self, x_role: Annotated[str, Header()]) -> str:
            threads["sync"] = threading.current_thread().name.startswith(
                "AnyIO worker"
            )
            return x_role

    class AsyncRole:
        async def __call__(self, x_role: Annotated[str, Header()]) -> str:
            asyncio.get_running_loop()  # raises outside the event loop
            threads["async"] = threading.current_thread().name.startswith(
                "AnyIO worker"
            )
            return x_role

    app = FastAPI()

    @app.get("/sync")
    async def read_sync(role: Annotated[str, Depends(SyncRole())]) -> str:
        return role

    @app.get("/async")
    async def read_async(
        role: Annotated[str, Depends(AsyncRole())],
    ) -> str:
        return role

    client = TestClient(app)
    for path in ("/sync", "/async"):
        assert client.get(path, headers={"x-role": "a"}).json() == "a"
    assert threads == {"sync": True, "async": False}


def test_both_checkers_refuse_the_wrong_shapes() -> None:
    case = "mypy_cases/callback_misuse.py"
    assert [(d.line, d.code) for d in run_mypy(case)] == [
        (21, "arg-type"),
        (23, "arg-type"),
        (23, None),
    ]
    pyright = run_pyright(case)
    assert [(d.line, d.code) for d in pyright] == [
        (21, "reportArgumentType"),
        (23, "reportArgumentType"),
    ]
    assert pyright[1].message.endswith('Missing keyword parameter "urgent"')
    # Line 22 passes "12" through Callable[..., T], and line 27 passes the
    # class to Depends under Annotated[str, ...]: neither checker sees
    # either (Depends returns Any; Annotated metadata is not checked).
