"""A FastAPI dependency typed by a protocol, replaced in tests."""

from typing import Annotated, Protocol

from fastapi import Depends, FastAPI, Request


class Cache(Protocol):
    """What the endpoints need from a cache, and nothing more."""

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...


class MemoryCache:
    """A cache in a dictionary; it never mentions ``Cache``."""

    def __init__(self) -> None:
        self._data: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self._data.get(key)

    def set(self, key: str, value: str) -> None:
        self._data[key] = value


def get_cache(request: Request) -> Cache:
    """The application's cache, as a dependency."""
    cache: Cache = request.app.state.cache
    return cache


def greet(
    name: str, cache: Annotated[Cache, Depends(get_cache)]
) -> dict[str, str | bool]:
    """A greeting, computed once per name and then served from the cache."""
    cached = cache.get(name)
    if cached is not None:
        return {"greeting": cached, "cached": True}
    greeting = f"Hello, {name}!"
    cache.set(name, greeting)
    return {"greeting": greeting, "cached": False}


def create_app() -> FastAPI:
    """An application with its own, empty cache."""
    app = FastAPI(title="Greetings")
    cache: Cache = MemoryCache()  # checked here: app.state is untyped
    app.state.cache = cache
    app.get("/greetings/{name}")(greet)
    return app
