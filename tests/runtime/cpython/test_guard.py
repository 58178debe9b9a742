"""Tests for src/examples/runtime/cpython/guard.py."""

from __future__ import annotations

import inspect
import subprocess
import sys
import textwrap

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from examples.runtime.cpython import guard

ADMIN = {"x-role": "admin"}


@pytest.fixture
def client() -> TestClient:
    return TestClient(guard.app, raise_server_exceptions=False)


def test_the_assert_fails_as_a_server_error(client: TestClient) -> None:
    assert client.delete("/assert/orders/7").status_code == 500


def test_the_if_refuses_with_403(client: TestClient) -> None:
    response = client.delete("/checked/orders/7")
    assert response.status_code == 403
    assert response.json() == {"detail": "admins only"}


@pytest.mark.parametrize("path", ["/assert/orders/7", "/checked/orders/7"])
def test_an_admin_may_delete(client: TestClient, path: str) -> None:
    assert client.delete(path, headers=ADMIN).json() == {"deleted": 7}


def test_compiled_with_optimize_1_the_assert_is_gone() -> None:
    namespace: dict[str, object] = {"__name__": "guard_optimized"}
    source = inspect.getsource(guard)
    exec(compile(source, guard.__file__, "exec", optimize=1), namespace)
    app = namespace["app"]
    assert isinstance(app, FastAPI)
    client = TestClient(app, raise_server_exceptions=False)
    assert client.delete("/assert/orders/7").json() == {"deleted": 7}
    assert client.delete("/checked/orders/7").status_code == 403


def test_python_dash_o_really_does_the_same() -> None:
    # What the chapter claims for `python -O`, checked with `python -O`.
    script = textwrap.dedent(
        """
        import sys
        from fastapi.testclient import TestClient
        from examples.runtime.cpython.guard import app
        client = TestClient(app, raise_server_exceptions=False)
        print(sys.flags.optimize)
        print(client.delete("/assert/orders/7").status_code)
        print(client.delete("/checked/orders/7").status_code)
        """
    )
    result = subprocess.run(
        [sys.executable, "-O", "-c", script],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["1", "200", "403"]
