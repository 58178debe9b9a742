"""Solution to exercise 1.3.3-4: a protocol as a FastAPI dependency."""

from typing import Annotated, Protocol

from fastapi import Body, Depends, FastAPI, Request


class Mailer(Protocol):
    """Anything that can send a message to an address."""

    def send(self, to: str, subject: str) -> None: ...


class Outbox:
    """The production mailer: queues messages for a sending job."""

    def __init__(self) -> None:
        self.queued: list[tuple[str, str]] = []

    def send(self, to: str, subject: str) -> None:
        """Queue one message."""
        self.queued.append((to, subject))


def get_mailer(request: Request) -> Mailer:
    """The application's one mailer; tests override this dependency."""
    mailer: Mailer = request.app.state.mailer
    return mailer


def create_app() -> FastAPI:
    """``POST /invitations`` sends an invitation to ``email``."""
    app = FastAPI(title="Invitations")
    # app.state is Any: this annotated line is where a checker compares
    # Outbox with Mailer. One mailer per application, kept between requests.
    outbox: Mailer = Outbox()
    app.state.mailer = outbox

    @app.post("/invitations", status_code=202)
    def invite(
        email: Annotated[str, Body(embed=True, pattern=r"^[^@\s]+@[^@\s]+$")],
        mailer: Annotated[Mailer, Depends(get_mailer)],
    ) -> dict[str, str]:
        mailer.send(email, "You are invited")
        return {"invited": email}

    return app
