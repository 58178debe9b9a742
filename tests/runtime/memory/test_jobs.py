"""Tests for src/examples/runtime/memory/jobs.py."""

from __future__ import annotations

import gc

import pytest
from fastapi.testclient import TestClient

from examples.runtime.memory import jobs


@pytest.fixture
def client() -> TestClient:
    return TestClient(jobs.app)


@pytest.mark.usefixtures("no_collector")
def test_a_stored_exception_keeps_the_job_until_a_collection(
    client: TestClient,
) -> None:
    for _ in range(3):
        response = client.post("/leaky/charges/500")
        assert response.json() == {"status": "declined"}
    assert len(jobs.live_jobs) == 3
    gc.collect()
    assert len(jobs.live_jobs) == 0


@pytest.mark.usefixtures("no_collector")
@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/charges/500", "declined"),
        ("/charges/50", "charged"),
        ("/leaky/charges/50", "charged"),
    ],
)
def test_no_cycle_no_survivor(
    client: TestClient, path: str, status: str
) -> None:
    assert client.post(path).json() == {"status": status}
    assert len(jobs.live_jobs) == 0


def test_a_new_job_has_no_error() -> None:
    job = jobs.start_job(5)
    assert (job.amount, job.error, job.error_text) == (5, None, "")


def test_the_fixed_endpoint_keeps_the_message() -> None:
    job = jobs.start_job(500)
    with pytest.raises(jobs.PaymentError) as caught:
        jobs.charge(job)
    assert str(caught.value) == "declined: 500 is over 100"
    jobs.charge(jobs.start_job(jobs.LIMIT))  # at the limit: no error


@pytest.mark.usefixtures("no_collector")
def test_the_cycle_runs_through_the_frame(client: TestClient) -> None:
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        client.post("/leaky/charges/500")
        gc.collect()
        [job] = [item for item in gc.garbage if isinstance(item, jobs.Job)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert job.error is not None
    traceback = job.error.__traceback__
    assert traceback is not None
    assert traceback.tb_frame.f_code.co_name == "leaky_charge"
    assert traceback.tb_frame.f_locals["job"] is job
    assert job.error_text == ""
