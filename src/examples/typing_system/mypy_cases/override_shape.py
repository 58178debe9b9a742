"""``dependency_overrides`` takes any callable; an annotated one is checked."""

from examples.typing_system.structural_typing.cache_api import (
    Cache,
    create_app,
    get_cache,
)


class GetOnly:
    def get(self, key: str) -> str | None:
        return None


def get_only_cache() -> Cache:
    return GetOnly()


app = create_app()
app.dependency_overrides[get_cache] = GetOnly
app.dependency_overrides[get_cache] = get_only_cache
