"""Endpoints made in a loop: a closure reads the variable, not its value.

Each function builds a small app with one ``/<region>/ping`` route per
region; only :func:`factory_app` answers with the right region and nothing
else.
"""

from collections.abc import Callable

from fastapi import FastAPI

REGIONS = ("eu", "us", "asia")


def late_binding_app() -> FastAPI:
    """Wrong: every endpoint reads ``region`` when a request arrives."""
    app = FastAPI(title="Late binding")
    for region in REGIONS:

        @app.get(f"/{region}/ping")
        def ping() -> dict[str, str]:
            return {"region": region}  # noqa: B023 - the bug shown

    return app


def default_argument_app() -> FastAPI:
    """Also wrong: the default freezes the value, but FastAPI sees a
    parameter, and so a query parameter that any client may set."""
    app = FastAPI(title="Default argument")
    for region in REGIONS:

        @app.get(f"/{region}/ping")
        def ping(region: str = region) -> dict[str, str]:
            return {"region": region}

    return app


def make_ping(region: str) -> Callable[[], dict[str, str]]:
    """One closure, and so one cell, per region."""

    def ping() -> dict[str, str]:
        return {"region": region}

    return ping


def factory_app() -> FastAPI:
    """Right: each endpoint closes over its own ``region``."""
    app = FastAPI(title="Factory")
    for region in REGIONS:
        app.get(f"/{region}/ping")(make_ping(region))
    return app
