"""Checks of exercise 1.3.3-4 (``make exercise-check EXERCISE=1.3.3-4``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from fastapi.testclient import TestClient

from examples.typing_system.structural_typing.exercises import ex4
from examples.typing_system.structural_typing.exercises.starters import (
    ex4 as starter,
)
from tests.exercise_kit import exercise_tests
from tests.mypy_check import mypy
from tests.pyright_check import pyright


class Recorder:
    """Satisfies ``Mailer`` without inheriting from anything."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def send(self, to: str, subject: str) -> None:
        self.sent.append((to, subject))


def check_an_invitation_is_sent(m: ModuleType) -> None:
    app = m.create_app()
    recorder = Recorder()
    app.dependency_overrides[m.get_mailer] = lambda: recorder
    response = TestClient(app).post(
        "/invitations", json={"email": "ada@example.com"}
    )
    assert (response.status_code, response.json()) == (
        202,
        {"invited": "ada@example.com"},
    )
    assert recorder.sent == [("ada@example.com", "You are invited")]


def check_a_bad_address_sends_nothing(m: ModuleType) -> None:
    app = m.create_app()
    recorder = Recorder()
    app.dependency_overrides[m.get_mailer] = lambda: recorder
    client = TestClient(app)
    for body in ({"email": "not an address"}, {}, {"mail": "a@b"}):
        assert client.post("/invitations", json=body).status_code == 422
    assert recorder.sent == []


def check_the_default_mailer_works(m: ModuleType) -> None:
    response = TestClient(m.create_app()).post(
        "/invitations", json={"email": "ada@example.com"}
    )
    assert response.status_code == 202


CHECKS = [
    check_an_invitation_is_sent,
    check_a_bad_address_sends_nothing,
    check_the_default_mailer_works,
]
test_attempt, test_starter_fails = exercise_tests(ex4, starter, CHECKS)


def test_the_solution_keeps_its_outbox_between_requests() -> None:
    app = ex4.create_app()
    client = TestClient(app)
    client.post("/invitations", json={"email": "ada@example.com"})
    client.post("/invitations", json={"email": "bob@example.com"})
    assert [to for to, _ in app.state.mailer.queued] == [
        "ada@example.com",
        "bob@example.com",
    ]


def _misspelled(tmp_path: Path, *, annotated: bool) -> Path:
    """A copy of the solution whose ``Outbox.send`` is spelled ``sned``."""
    source = Path(ex4.__file__).read_text()
    source = source.replace(
        '    def send(self, to: str, subject: str) -> None:\n        """Queue',
        '    def sned(self, to: str, subject: str) -> None:\n        """Queue',
    )
    assert "def sned" in source
    if not annotated:
        source = source.replace(
            "    outbox: Mailer = Outbox()\n    app.state.mailer = outbox\n",
            "    app.state.mailer = Outbox()\n",
        )
        assert "outbox: Mailer" not in source
    listing = tmp_path / "misspelled.py"
    listing.write_text(source)
    return listing


def test_both_checkers_compare_outbox_with_mailer_where_annotated(
    tmp_path: Path,
) -> None:
    listing = _misspelled(tmp_path, annotated=True)
    line = (
        listing.read_text().splitlines().index("    outbox: Mailer = Outbox()")
    )
    error = mypy(listing)[0]
    assert error.startswith(f"{line + 1}: error: Incompatible types")
    assert error.endswith("[assignment]")
    assert pyright(listing) == [f"{line + 1}: error [reportAssignmentType]"]


def test_both_checkers_miss_a_misspelled_outbox_without_the_annotation(
    tmp_path: Path,
) -> None:
    listing = _misspelled(tmp_path, annotated=False)
    assert mypy(listing) == []
    assert pyright(listing) == []


def test_without_the_annotation_a_misspelled_outbox_fails_each_invitation(
    tmp_path: Path,
) -> None:
    listing = _misspelled(tmp_path, annotated=False)
    spec = importlib.util.spec_from_file_location("misspelled", listing)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    client = TestClient(module.create_app(), raise_server_exceptions=False)
    response = client.post("/invitations", json={"email": "ada@example.com"})
    assert response.status_code == 500
