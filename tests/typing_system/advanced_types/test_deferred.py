"""Tests for src/examples/typing_system/advanced_types/deferred.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from examples.typing_system.advanced_types import deferred

WITHOUT_FUTURE = """\
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.testclient import TestClient

if TYPE_CHECKING:
    from examples.typing_system.advanced_types.ids import Order

app = FastAPI()


@app.post("/orders")
def create_order(order: Order) -> int:
    return order.id


response = TestClient(app).post("/orders", json={"id": 7, "owner": 1})
print(response.status_code, response.json()["detail"][0]["loc"])
"""


def test_the_model_is_read_as_a_missing_query_parameter() -> None:
    assert not hasattr(deferred, "Order")
    response = TestClient(deferred.app).post(
        "/orders", json={"id": 7, "owner": 1}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "order"]


def test_the_function_itself_is_right_only_fastapi_cannot_see_the_type() -> (
    None
):
    from examples.typing_system.advanced_types.ids import (
        ORDERS,
        OrderId,
    )

    assert deferred.create_order(ORDERS[OrderId(7)]) == 7


def test_imported_for_real_the_same_endpoint_works() -> None:
    source = Path(deferred.__file__).read_text()
    fixed = source.replace(
        "if TYPE_CHECKING:  # False at run time: the import never happens\n"
        "    from",
        "from",
    )
    assert fixed != source
    namespace: dict[str, object] = {"__name__": "fixed"}
    exec(compile(fixed, "fixed.py", "exec"), namespace)
    client = TestClient(namespace["app"])  # type: ignore[arg-type]
    response = client.post("/orders", json={"id": 7, "owner": 1})
    assert (response.status_code, response.json()) == (200, 7)


def test_without_the_future_import_it_depends_on_the_version(
    tmp_path: Path,
) -> None:
    module = tmp_path / "without_future.py"
    module.write_text(WITHOUT_FUTURE)
    result = subprocess.run(
        [sys.executable, str(module)],
        capture_output=True,
        text=True,
        check=False,
    )
    if sys.version_info >= (3, 14):  # annotations are evaluated lazily
        assert result.stdout == "422 ['query', 'order']\n", result.stderr
    else:  # evaluated with the def: the name is missing
        assert result.returncode == 1
        assert result.stderr.endswith(
            "NameError: name 'Order' is not defined\n"
        )
