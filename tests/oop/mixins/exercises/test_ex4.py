"""Checks of exercise 1.2.4-4 (``make exercise-check EXERCISE=1.2.4-4``)."""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from types import ModuleType

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import BaseModel

from examples.oop.mixins.exercises import ex4
from examples.oop.mixins.exercises.mistakes import ex4 as mistake
from examples.oop.mixins.exercises.mistakes import ex4_unlocked
from examples.oop.mixins.exercises.starters import ex4 as starter
from tests.exercise_kit import exercise_tests, mistake_tests

PASSWORD = "correct horse battery"
ADA = {"email": "ada@example.com", "password": PASSWORD}


class MeetingRows(list[dict[str, object]]):
    """Rows whose ``append`` waits (at most 1 s) until two threads append.

    Without a lock both sign-ups have read ``len(rows)`` by then, so the
    race shows every time; with one, the first waits out the timeout alone.
    """

    def __init__(self) -> None:
        super().__init__()
        self.barrier = threading.Barrier(2, timeout=1)

    def append(self, row: dict[str, object]) -> None:
        with contextlib.suppress(threading.BrokenBarrierError):
            self.barrier.wait()
        super().append(row)


def check_sign_up_answers_id_email_and_an_aware_time(m: ModuleType) -> None:
    client = TestClient(m.create_app([]))
    response = client.post("/users", json=ADA)
    assert response.status_code == 201
    user = response.json()
    assert sorted(user) == ["created_at", "email", "id"]
    assert (user["id"], user["email"]) == (1, "ada@example.com")
    created = datetime.fromisoformat(user["created_at"])
    assert created.utcoffset() == timedelta(0)


def check_the_answer_never_holds_the_password(m: ModuleType) -> None:
    response = TestClient(m.create_app([])).post("/users", json=ADA)
    assert response.status_code == 201
    assert PASSWORD not in response.text
    assert "password" not in response.text


def check_a_refusal_never_holds_the_password(m: ModuleType) -> None:
    client = TestClient(m.create_app([]))
    for body, secret in (
        ({"email": "ada@example.com", "password": "hunter2"}, "hunter2"),
        ({"password": PASSWORD}, PASSWORD),
        ({**ADA, "is_admin": True}, PASSWORD),
    ):
        response = client.post("/users", json=body)
        assert response.status_code == 422, body
        assert secret not in response.text, response.text


def input_model(m: ModuleType) -> type[BaseModel]:
    """The model FastAPI validates ``POST /users``'s body with."""
    app = m.create_app([])
    [route] = [r for r in app.routes if isinstance(r, APIRoute)]
    [body] = route.dependant.body_params
    model = body.field_info.annotation
    assert isinstance(model, type)
    assert issubclass(model, BaseModel)
    return model


def check_the_input_model_masks_the_password(m: ModuleType) -> None:
    user = input_model(m).model_validate(ADA)
    for shown in (repr(user), str(user), f"{user}", user.model_dump_json()):
        assert PASSWORD not in shown, shown


def check_a_client_cannot_set_server_fields(m: ModuleType) -> None:
    client = TestClient(m.create_app([]))
    for extra in (
        {"is_admin": True},
        {"id": 99},
        {"created_at": "2000-01-01T00:00:00Z"},
    ):
        response = client.post("/users", json={**ADA, **extra})
        assert response.status_code == 422, extra


def check_a_short_password_is_refused(m: ModuleType) -> None:
    client = TestClient(m.create_app([]))
    body = {"email": "ada@example.com", "password": "short"}
    assert client.post("/users", json=body).status_code == 422


def check_the_store_holds_a_salted_hash(m: ModuleType) -> None:
    rows: list[dict[str, object]] = []
    client = TestClient(m.create_app(rows))
    for email in ("ada@example.com", "bob@example.com"):
        body = {"email": email, "password": PASSWORD}
        assert client.post("/users", json=body).status_code == 201
    assert len(rows) == 2
    for row in rows:
        assert "password" not in row
        assert PASSWORD not in repr(row)  # neither as str nor as bytes
    # one password, two users: a salt makes the hashes differ
    assert rows[0]["password_hash"] != rows[1]["password_hash"]


def check_concurrent_sign_ups_get_distinct_ids(m: ModuleType) -> None:
    rows = MeetingRows()
    client = TestClient(m.create_app(rows))
    emails = ["ada@example.com", "bob@example.com"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        responses = list(
            pool.map(
                lambda e: client.post(
                    "/users", json={"email": e, "password": PASSWORD}
                ),
                emails,
            )
        )
    assert [r.status_code for r in responses] == [201, 201]
    assert sorted(r.json()["id"] for r in responses) == [1, 2]
    assert sorted(row["id"] for row in rows) == [1, 2]  # type: ignore[type-var]


CHECKS = [
    check_sign_up_answers_id_email_and_an_aware_time,
    check_the_answer_never_holds_the_password,
    check_a_refusal_never_holds_the_password,
    check_the_input_model_masks_the_password,
    check_a_client_cannot_set_server_fields,
    check_a_short_password_is_refused,
    check_the_store_holds_a_salted_hash,
    check_concurrent_sign_ups_get_distinct_ids,
]
test_attempt, test_starter_fails = exercise_tests(ex4, starter, CHECKS)
test_mistake_fails = mistake_tests(
    mistake,
    [
        check_sign_up_answers_id_email_and_an_aware_time,
        check_the_answer_never_holds_the_password,
        check_a_refusal_never_holds_the_password,
        check_the_input_model_masks_the_password,
        check_a_client_cannot_set_server_fields,
        check_a_short_password_is_refused,
        check_the_store_holds_a_salted_hash,
    ],
)
test_unlocked_fails = mistake_tests(
    ex4_unlocked, [check_concurrent_sign_ups_get_distinct_ids]
)


def test_the_mistake_s_model_prints_the_password() -> None:
    # The one-model mistake fails the masking check on the password
    # itself, not on a missing name: its model is found through the app.
    user = input_model(mistake).model_validate(ADA)
    assert PASSWORD in repr(user)
    with pytest.raises(AssertionError):
        check_the_input_model_masks_the_password(mistake)
