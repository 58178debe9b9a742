"""Exercises 1.3.1-1 and -2's module; the answers are doctests."""

from pathlib import Path

from fastapi.testclient import TestClient

from examples.typing_system.basic_types.exercises import predict
from tests.mypy_check import mypy


def test_total_multiplies() -> None:
    assert predict.total(3, 4) == 12


def test_fastapi_converts_the_query_string() -> None:
    client = TestClient(predict.app)
    assert client.get("/items?limit=5").json() == {"limit": 5, "type": "int"}
    assert client.get("/items?limit=five").status_code == 422


def test_mypy_reports_the_call_of_exercise_1(tmp_path: Path) -> None:
    listing = tmp_path / "call_total.py"
    listing.write_text(
        "from examples.typing_system.basic_types.exercises.predict import"
        ' total\n\ntotal("ab", 3)\n'
    )
    (diagnostic,) = mypy(listing)
    assert diagnostic.startswith('3: error: Argument 1 to "total" has')
    assert diagnostic.endswith("[arg-type]")
