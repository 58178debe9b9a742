"""Tests for src/examples/typing_system/advanced_types/callables.py.

Listing: examples.typing_system.mypy_cases.callback_misuse (checked by
both type checkers, never run).
"""

# No `from __future__ import annotations`: FastAPI must resolve the local
# dependency classes of the tests, which a string annotation hides.
import asyncio
import inspect
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


def test_both_dependencies_check_the_header() -> None:
    client = TestClient(callables.app)
    ok = client.get("/reports", headers={"x-role": "auditor"})
    assert ok.json() == "reports for auditor"
    assert client.get("/reports", headers={"x-role": "admin"}).status_code == (
        403
    )
    assert client.delete("/reports", headers={"x-role": "admin"}).json() == (
        "deleted by admin"
    )
    refused = client.delete("/reports", headers={"x-role": "auditor"})
    assert refused.status_code == 403
    missing = client.delete("/reports")
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["header", "x-role"]


def test_fastapi_reads_call_without_self() -> None:
    signature = inspect.signature(callables.RequireRole("admin"))
    assert list(signature.parameters) == ["x_role"]
    [header] = callables.app.openapi()["paths"]["/reports"]["delete"][
        "parameters"
    ]
    assert (header["in"], header["name"]) == ("header", "x-role")


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
    assert answer.json() == "deleted by admin"  # no header was needed


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
    # class to Depends: neither checker sees either.
