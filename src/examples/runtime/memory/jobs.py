"""A leak through a reference cycle: an exception stored on an object.

An exception refers to its traceback, the traceback to the frames it passed
through, and a frame to its local variables. Storing the exception on an
object that is one of those locals closes a cycle.
"""

import weakref

from fastapi import FastAPI

LIMIT = 100


class PaymentError(Exception):
    """The payment provider declined the charge."""


class Job:
    """The work of one request to charge an amount."""

    def __init__(self, amount: int) -> None:
        self.amount = amount
        self.error: PaymentError | None = None
        self.error_text = ""


live_jobs: weakref.WeakSet[Job] = weakref.WeakSet()

app = FastAPI(title="Jobs")


def start_job(amount: int) -> Job:
    """Create a job and register it (weakly) as live."""
    job = Job(amount)
    live_jobs.add(job)
    return job


def charge(job: Job) -> None:
    """Stands in for a payment provider: it declines large amounts."""
    if job.amount > LIMIT:
        raise PaymentError(f"declined: {job.amount} is over {LIMIT}")


@app.post("/leaky/charges/{amount}")
def leaky_charge(amount: int) -> dict[str, str]:
    """Wrong: job -> exception -> traceback -> this frame -> job."""
    job = start_job(amount)
    try:
        charge(job)
    except PaymentError as exc:
        job.error = exc
        return {"status": "declined"}
    return {"status": "charged"}


@app.post("/charges/{amount}")
def charge_amount(amount: int) -> dict[str, str]:
    """Right: keep the message, which refers to no frame."""
    job = start_job(amount)
    try:
        charge(job)
    except PaymentError as exc:
        job.error_text = str(exc)
        return {"status": "declined"}
    return {"status": "charged"}
