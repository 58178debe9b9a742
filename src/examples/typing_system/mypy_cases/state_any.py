"""``app.state`` takes anything; a variable typed by the protocol does not."""

from fastapi import FastAPI

from examples.typing_system.structural_typing.cache_api import Cache


class BrokenCache:
    def get(self, key: str) -> str | None:
        return None


app = FastAPI()
app.state.cache = BrokenCache()
cache: Cache = BrokenCache()
