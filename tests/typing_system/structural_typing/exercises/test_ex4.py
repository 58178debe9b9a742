"""Checks of exercise 1.3.3-4 (``make exercise-check EXERCISE=1.3.3-4``)."""

from __future__ import annotations

from types import ModuleType

from fastapi.testclient import TestClient

from examples.typing_system.structural_typing.exercises import ex4
from examples.typing_system.structural_typing.exercises.starters import (
    ex4 as starter,
)
from tests.exercise_kit import exercise_tests


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
