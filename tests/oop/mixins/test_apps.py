"""Tests for src/examples/oop/mixins/trap.py and fixed.py."""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.exceptions import ResponseValidationError
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, Field, SecretStr

from examples.oop.mixins import fixed, trap
from examples.oop.mixins.stamps import SoftDeleteMixin, TimestampMixin

HOSTILE: dict[str, Any] = {
    "email": "mallory@example.com",
    "name": "Mallory",
    "deleted_at": "2000-01-01T00:00:00Z",
    "created_at": "1999-12-31T23:59:59Z",
}
HONEST = {"email": "ada@example.com", "name": "Ada"}
PASSWORD = "correct horse battery"
SIGNUP = {**HONEST, "password": PASSWORD}


def test_the_trap_lets_a_client_set_server_owned_fields() -> None:
    app = trap.create_app()
    client = TestClient(app)
    response = client.post("/users", json=HOSTILE)
    assert response.status_code == 201
    body = response.json()
    assert body["deleted_at"] == "2000-01-01T00:00:00Z"
    assert body["created_at"] == "1999-12-31T23:59:59Z"
    assert client.get("/users").json() == []
    schema = app.openapi()["components"]["schemas"]["User"]
    assert {"deleted_at", "created_at", "updated_at"} <= set(
        schema["properties"]
    )


def test_the_trap_app_lists_honest_users() -> None:
    client = TestClient(trap.create_app())
    assert client.post("/users", json=HONEST).status_code == 201
    [user] = client.get("/users").json()
    assert (user["id"], user["deleted_at"]) == (1, None)


@pytest.mark.parametrize(
    "field", ["deleted_at", "created_at", "updated_at", "id"]
)
def test_the_fix_refuses_each_server_owned_field(field: str) -> None:
    client = TestClient(fixed.create_app())
    value = 7 if field == "id" else "2000-01-01T00:00:00Z"
    response = client.post("/users", json={**SIGNUP, field: value})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["loc"], error["type"]) == (
        ["body", field],
        "extra_forbidden",
    )
    assert client.get("/users").json() == []


def test_the_fix_fills_in_server_owned_fields() -> None:
    client = TestClient(fixed.create_app())
    response = client.post("/users", json=SIGNUP)
    assert response.status_code == 201
    user = response.json()
    assert user["id"] == 1
    assert user["deleted_at"] is None
    assert user["created_at"].endswith("Z")
    assert user["updated_at"] == user["created_at"]
    assert client.get("/users/1").json() == user
    assert client.get("/users").json() == [user]


def test_soft_delete_through_the_endpoint() -> None:
    client = TestClient(fixed.create_app())
    client.post("/users", json=SIGNUP)
    lin = {"email": "lin@example.com", "name": "Lin", "password": PASSWORD}
    client.post("/users", json=lin)
    response = client.delete("/users/1")
    assert (response.status_code, response.content) == (204, b"")
    gone = client.get("/users/1")
    assert (gone.status_code, gone.json()) == (404, {"detail": "no such user"})
    assert client.delete("/users/1").status_code == 404
    assert client.get("/users/3").status_code == 404
    assert [u["name"] for u in client.get("/users").json()] == ["Lin"]


def test_the_models_and_schema_of_the_fix() -> None:
    assert list(fixed.UserFields.model_fields) == ["email", "name"]
    assert list(fixed.UserCreate.model_fields) == ["email", "name", "password"]
    assert list(fixed.UserRead.model_fields) == [
        "email",
        "name",
        "deleted_at",
        "created_at",
        "updated_at",
        "id",
    ]
    spec = fixed.create_app().openapi()
    request = spec["paths"]["/users"]["post"]["requestBody"]
    assert request["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/UserCreate"
    }
    assert sorted(
        spec["components"]["schemas"]["UserCreate"]["properties"]
    ) == [
        "email",
        "name",
        "password",
    ]


def test_without_forbid_unknown_keys_are_dropped_silently() -> None:
    class Lenient(BaseModel):
        email: str
        name: str

    user = Lenient.model_validate({**HONEST, "deleted_at": "2000-01-01"})
    assert user.model_dump() == HONEST
    assert Lenient.model_config.get("extra") is None


def test_a_short_password_is_refused() -> None:
    client = TestClient(fixed.create_app())
    response = client.post("/users", json={**HONEST, "password": "tiny-pw"})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["loc"], error["type"]) == (["body", "password"], "too_short")
    # The app's handler drops the input FastAPI's own 422 would echo back.
    assert "input" not in error
    assert "tiny-pw" not in response.text


def default_422_app() -> FastAPI:
    """The unsafe variant: the same input model, FastAPI's own 422."""
    app = FastAPI()

    @app.post("/users", status_code=201)
    def create_user(new: fixed.UserCreate) -> None:
        return None

    return app


def test_a_422_for_another_field_does_not_echo_the_password() -> None:
    body = {"email": "a@example.com", "password": PASSWORD}  # no name
    response = TestClient(fixed.create_app()).post("/users", json=body)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["loc"], error["type"]) == (["body", "name"], "missing")
    assert PASSWORD not in response.text
    unsafe = TestClient(default_422_app()).post("/users", json=body)
    assert unsafe.status_code == 422
    assert unsafe.json()["detail"][0]["input"]["password"] == PASSWORD


def unlocked_app() -> FastAPI:
    """The unsafe variant of fixed.create_user: no lock around the id."""
    app = FastAPI()
    users: dict[int, fixed.UserRead] = {}

    @app.post("/users", status_code=201)
    def create_user(new: fixed.UserCreate) -> fixed.UserRead:
        public = new.model_dump(include=set(fixed.UserFields.model_fields))
        user = fixed.UserRead(id=len(users) + 1, **public)
        users[user.id] = user
        return user

    return app


def two_concurrent_signups(
    app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> list[int]:
    """Two sign-ups, each held where it builds its UserRead.

    Each construction waits at a two-party barrier: both pass together
    only if both are choosing an id at once; with the lock, one waits
    outside, the barrier times out (and stays broken), and each goes on.
    """
    barrier = threading.Barrier(2, timeout=2)
    real = fixed.UserRead

    def held(**fields: Any) -> fixed.UserRead:
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        return real(**fields)

    monkeypatch.setattr(fixed, "UserRead", held)
    ids: list[int] = []
    with TestClient(app) as client:

        def post(number: int) -> None:
            body = {**SIGNUP, "email": f"u{number}@example.com"}
            ids.append(client.post("/users", json=body).json()["id"])

        threads = [threading.Thread(target=post, args=(n,)) for n in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    return sorted(ids)


def test_concurrent_signups_get_distinct_ids(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert two_concurrent_signups(fixed.create_app(), monkeypatch) == [1, 2]


def test_without_the_lock_two_signups_share_an_id(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert two_concurrent_signups(unlocked_app(), monkeypatch) == [1, 1]


def test_password_hashes_are_salted() -> None:
    first = fixed.hash_password(SecretStr(PASSWORD))
    second = fixed.hash_password(SecretStr(PASSWORD))
    assert first != second
    assert PASSWORD not in first
    name, n, r, p, salt, key = first.split("$")
    assert (name, n, r, p) == ("scrypt", str(2**17), "8", "1")  # OWASP min.
    assert (len(bytes.fromhex(salt)), len(bytes.fromhex(key))) == (16, 64)
    again = hashlib.scrypt(
        PASSWORD.encode(),
        salt=bytes.fromhex(salt),
        n=2**17,
        r=8,
        p=1,
        maxmem=2**28,
    )
    assert key == again.hex()  # the stored hash verifies with these values
    assert fixed.verify_password(SecretStr(PASSWORD), first)
    assert not fixed.verify_password(SecretStr(PASSWORD + "!"), first)
    assert not fixed.verify_password(
        SecretStr(PASSWORD), first.replace("scrypt", "plain", 1)
    )


def test_the_default_memory_limit_refuses_the_owasp_cost() -> None:
    with pytest.raises(ValueError, match="memory limit exceeded"):
        hashlib.scrypt(b"pw", salt=b"s" * 16, n=2**17, r=8, p=1)


def responses_and_schemas(app: FastAPI, body: dict[str, Any]) -> str:
    """Every response a client can get after a sign-up, and the OpenAPI."""
    client = TestClient(app)
    texts = [client.post("/users", json=body).text]
    texts.append(client.get("/users").text)
    texts.append(client.get("/users/1").text)
    return "\n".join(texts)


def schemas_naming(app: FastAPI, name: str) -> set[str]:
    schemas = app.openapi()["components"]["schemas"]
    return {key for key, value in schemas.items() if name in str(value)}


def test_the_write_only_field_never_leaves_the_server() -> None:
    app = fixed.create_app()
    shown = responses_and_schemas(app, SIGNUP)
    assert '"id":1' in shown
    assert PASSWORD not in shown
    assert "password" not in shown
    # Only the request body's schema knows the field, as write-only input.
    assert schemas_naming(app, "password") == {"UserCreate"}
    password = app.openapi()["components"]["schemas"]["UserCreate"][
        "properties"
    ]["password"]
    assert (password["format"], password["writeOnly"]) == ("password", True)


class PlainUserCreate(BaseModel):
    """The old layout's input model, with a plain-text password added."""

    model_config = ConfigDict(extra="forbid")

    email: str
    name: str
    password: str


class ReadFromInput(TimestampMixin, SoftDeleteMixin, PlainUserCreate):
    """The old advice: derive the output model from the input model."""

    id: int


def output_from_input_app() -> FastAPI:
    app = FastAPI()

    @app.post("/users", status_code=201)
    def create_user(new: PlainUserCreate) -> ReadFromInput:
        return ReadFromInput(id=1, **new.model_dump())

    @app.get("/users")
    def users() -> list[ReadFromInput]:
        return []

    return app


def test_deriving_output_from_input_leaks_the_password() -> None:
    app = output_from_input_app()
    shown = responses_and_schemas(app, SIGNUP)
    assert f'"password":"{PASSWORD}"' in shown
    assert "ReadFromInput" in schemas_naming(app, "password")


ROW = {**HONEST, "id": 1, "password_hash": "$scrypt$..."}


def row_app(model: type[BaseModel]) -> FastAPI:
    app = FastAPI()

    @app.get("/users/1", response_model=model)
    def read() -> Any:
        return ROW  # a database row with a column the model must drop

    return app


def test_the_output_model_drops_unknown_keys() -> None:
    response = TestClient(row_app(fixed.UserRead)).get("/users/1")
    assert response.status_code == 200
    assert "password_hash" not in response.json()
    assert fixed.UserRead.model_config.get("extra") is None


class ForbiddingRead(fixed.UserRead):
    """The fix's output model with only extra="forbid" changed."""

    model_config = ConfigDict(extra="forbid")


def test_an_output_model_inheriting_forbid_turns_that_into_a_500() -> None:
    client = TestClient(row_app(ForbiddingRead), raise_server_exceptions=False)
    assert client.get("/users/1").status_code == 500
    with pytest.raises(ResponseValidationError) as caught:
        TestClient(row_app(ForbiddingRead)).get("/users/1")
    [error] = caught.value.errors()
    assert (error["type"], error["loc"]) == (
        "extra_forbidden",
        ("response", "password_hash"),
    )
    # The server-side error carries the row, hash included, into the log.
    assert "$scrypt$" in str(caught.value)


class RowObject:
    """An ORM-style row: attributes, not a dict."""

    def __init__(self) -> None:
        for key, value in ROW.items():
            setattr(self, key, value)


def test_forbid_does_not_apply_to_an_object_s_extra_attributes() -> None:
    app = FastAPI()

    @app.get("/users/1", response_model=ForbiddingRead)
    def read() -> Any:
        return RowObject()

    response = TestClient(app).get("/users/1")
    assert response.status_code == 200
    assert "password_hash" not in response.json()


class PlainPasswordCreate(fixed.UserFields):
    """The unsafe variant: ``UserCreate`` with the password as a ``str``."""

    model_config = ConfigDict(extra="forbid")

    password: str = Field(min_length=12)


def printed_forms(user: BaseModel, caplog: pytest.LogCaptureFixture) -> str:
    """What a stray log line, a print or a JSON dump of the model shows."""
    log = logging.getLogger("examples.test")
    with caplog.at_level(logging.INFO, logger="examples.test"):
        log.info("signing up %s", user)
        log.info("signing up %r", user)
    forms = [repr(user), str(user), f"{user} {user!r}", caplog.text]
    return "\n".join([*forms, user.model_dump_json()])


def test_the_input_model_prints_asterisks(
    caplog: pytest.LogCaptureFixture,
) -> None:
    new = fixed.UserCreate.model_validate(SIGNUP)
    shown = printed_forms(new, caplog)
    assert PASSWORD not in shown
    assert "password=SecretStr('**********')" in shown
    assert new.password.get_secret_value() == PASSWORD


def test_a_plain_str_password_prints_itself(
    caplog: pytest.LogCaptureFixture,
) -> None:
    new = PlainPasswordCreate.model_validate(SIGNUP)
    assert PASSWORD in printed_forms(new, caplog)


class Overlap:
    """A stand-in for ``hashlib.scrypt`` that counts the calls at once.

    Each call waits (at most 2 s) until ``parties`` calls are inside: with
    no limit, ``parties`` threads meet there every time; with a limit below
    ``parties`` the barrier never fills, and breaks after its timeout.
    """

    def __init__(self, parties: int) -> None:
        self.barrier = threading.Barrier(parties, timeout=2)
        self.lock = threading.Lock()
        self.inside = 0
        self.most = 0

    def __call__(self, *args: object, **kwargs: object) -> bytes:
        with self.lock:
            self.inside += 1
            self.most = max(self.most, self.inside)
        with contextlib.suppress(threading.BrokenBarrierError):
            self.barrier.wait()
        with self.lock:
            self.inside -= 1
        return bytes(64)


def hash_at_once(monkeypatch: pytest.MonkeyPatch, signups: int) -> int:
    """How many hashes ran at once when ``signups`` threads hash together."""
    overlap = Overlap(parties=fixed.HASHES_AT_ONCE + 1)
    monkeypatch.setattr(hashlib, "scrypt", overlap)
    with ThreadPoolExecutor(max_workers=signups) as pool:
        hashes = list(
            pool.map(
                lambda _: fixed.hash_password(SecretStr(PASSWORD)),
                range(signups),
            )
        )
    assert len(set(hashes)) == signups  # each with its own salt
    return overlap.most


def test_at_most_four_hashes_run_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert fixed.HASHES_AT_ONCE == 4
    assert hash_at_once(monkeypatch, 8) <= fixed.HASHES_AT_ONCE


def test_without_the_semaphore_every_thread_hashes_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fixed, "hashing", contextlib.nullcontext())
    assert hash_at_once(monkeypatch, 8) > fixed.HASHES_AT_ONCE
