"""Only the exact role ``admin`` passes guard.py's checks.

The checks compare strings, so a role that differs only in case, or
sorts before or after ``admin``, must be refused like ``guest``; an
ordering comparison in place of ``==``/``!=`` would let one through.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from examples.runtime.cpython import guard


@pytest.mark.parametrize("role", ["Admin", "ADMIN", "adm", "admins", "user"])
def test_only_the_exact_role_passes(role: str) -> None:
    client = TestClient(guard.app, raise_server_exceptions=False)
    headers = {"x-role": role}
    assert client.delete("/assert/orders/7", headers=headers).status_code == (
        500
    )
    checked = client.delete("/checked/orders/7", headers=headers)
    assert checked.status_code == 403
