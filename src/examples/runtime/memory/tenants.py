"""Share one object per tenant while requests use it: a weak-value map.

A :class:`weakref.WeakValueDictionary` drops an entry as soon as nothing
else refers to its value, so it shares objects without keeping them alive.
It is not a cache with a lifetime: for that, keep strong references.

FastAPI runs ``def`` endpoints and dependencies in a thread pool, so
:meth:`TenantConfigs.get` holds a lock around the lookup and the load:
without it two threads that miss at the same time each load a copy.
"""

import threading
import weakref
from collections.abc import Callable


class TenantConfig:
    """Settings loaded for one tenant (here: only its name)."""

    def __init__(self, tenant: str) -> None:
        self.tenant = tenant


class TenantConfigs:
    """Hands out one :class:`TenantConfig` per tenant while it is in use."""

    def __init__(
        self, load: Callable[[str], TenantConfig] = TenantConfig
    ) -> None:
        self._configs: weakref.WeakValueDictionary[str, TenantConfig] = (
            weakref.WeakValueDictionary()
        )
        self._lock = threading.Lock()
        self._load = load
        self.loads = 0

    def get(self, tenant: str) -> TenantConfig:
        """The tenant's config, loaded again only if it was freed."""
        with self._lock:
            config = self._configs.get(tenant)
            if config is None:
                config = self._load(tenant)
                self.loads += 1
                self._configs[tenant] = config
            return config

    def __len__(self) -> int:
        return len(self._configs)
