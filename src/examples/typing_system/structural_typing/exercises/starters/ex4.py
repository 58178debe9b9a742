"""Exercise 1.3.3-4: a protocol as a FastAPI dependency."""

from typing import Protocol

from fastapi import FastAPI, Request


class Mailer(Protocol):
    """Anything that can send a message to an address."""

    def send(self, to: str, subject: str) -> None: ...


def get_mailer(request: Request) -> Mailer:
    """The mailer; tests override this dependency."""
    raise NotImplementedError("exercise 1.3.3-4")


def create_app() -> FastAPI:
    """``POST /invitations`` sends an invitation to ``email``."""
    raise NotImplementedError("exercise 1.3.3-4")
