"""Checks of exercise 1.3.2-4 (``make exercise-check EXERCISE=1.3.2-4``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from fastapi.testclient import TestClient

from examples.typing_system.advanced_types.exercises import ex4
from examples.typing_system.advanced_types.exercises.mistakes import (
    ex4 as mistake,
)
from examples.typing_system.advanced_types.exercises.starters import (
    ex4 as starter,
)
from tests.exercise_kit import exercise_tests, mistake_tests

START = {"nickname": "ada", "bio": "Engines."}


def check_a_field_left_out_is_kept(m: ModuleType) -> None:
    client = TestClient(m.create_app())
    response = client.patch("/profile", json={"nickname": "countess"})
    assert response.json() == {"nickname": "countess", "bio": "Engines."}
    assert client.patch("/profile", json={}).json() == response.json()


def check_null_clears_a_field(m: ModuleType) -> None:
    client = TestClient(m.create_app())
    response = client.patch("/profile", json={"bio": None})
    assert response.json() == {"nickname": "ada", "bio": None}
    assert client.get("/profile").json() == {"nickname": "ada", "bio": None}


def check_an_unknown_field_is_refused(m: ModuleType) -> None:
    client = TestClient(m.create_app())
    assert client.patch("/profile", json={"admin": True}).status_code == 422
    assert client.get("/profile").json() == START


CHECKS = [
    check_a_field_left_out_is_kept,
    check_null_clears_a_field,
    check_an_unknown_field_is_refused,
]
test_attempt, test_starter_fails = exercise_tests(ex4, starter, CHECKS)
test_mistake_fails = mistake_tests(
    mistake, [check_a_field_left_out_is_kept, check_null_clears_a_field]
)


def test_the_mistake_refuses_unknown_fields() -> None:
    check_an_unknown_field_is_refused(mistake)


SOLUTION_LINE = '        state["profile"] = Profile.model_validate(merged)'
COPY_LINE = (
    '        state["profile"] = state["profile"].model_copy(update=changes)'
)


def _stricter(tmp_path: Path, *, copy: bool) -> ModuleType:
    """The solution with ``Profile.nickname: str``, the patch unchanged."""
    source = Path(ex4.__file__).read_text()
    profile = "    nickname: str | None\n    bio: str | None\n"
    assert source.count(profile) == 1
    source = source.replace(
        profile, "    nickname: str\n    bio: str | None\n"
    )
    if copy:
        [line] = [x for x in source.splitlines() if SOLUTION_LINE in x]
        source = source.replace(line, COPY_LINE)
    path = tmp_path / f"stricter_{'copy' if copy else 'validate'}.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_model_copy_stores_what_the_stricter_profile_forbids(
    tmp_path: Path,
) -> None:
    client = TestClient(_stricter(tmp_path, copy=True).create_app())
    response = client.patch("/profile", json={"nickname": None})
    assert response.status_code == 200
    stored = client.get("/profile").json()
    assert stored == {"nickname": None, "bio": "Engines."}
    schema = client.get("/openapi.json").json()["components"]["schemas"]
    assert schema["Profile"]["properties"]["nickname"]["type"] == "string"


def test_the_solution_keeps_the_stricter_profile_valid(
    tmp_path: Path,
) -> None:
    app = _stricter(tmp_path, copy=False).create_app()
    client = TestClient(app, raise_server_exceptions=False)
    response = client.patch("/profile", json={"nickname": None})
    assert response.status_code == 500
    assert client.get("/profile").json() == START
    assert client.patch("/profile", json={"bio": None}).json() == {
        "nickname": "ada",
        "bio": None,
    }
