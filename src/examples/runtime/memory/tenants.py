"""Share one object per tenant while requests use it: a weak-value map.

A :class:`weakref.WeakValueDictionary` drops an entry as soon as nothing
else refers to its value, so it shares objects without keeping them alive.
It is not a cache with a lifetime: for that, keep strong references.
"""

import weakref


class TenantConfig:
    """Settings loaded for one tenant (here: only its name)."""

    def __init__(self, tenant: str) -> None:
        self.tenant = tenant


class TenantConfigs:
    """Hands out one :class:`TenantConfig` per tenant while it is in use."""

    def __init__(self) -> None:
        self._configs: weakref.WeakValueDictionary[str, TenantConfig] = (
            weakref.WeakValueDictionary()
        )
        self.loads = 0

    def get(self, tenant: str) -> TenantConfig:
        """The tenant's config, loaded again only if it was freed."""
        config = self._configs.get(tenant)
        if config is None:
            config = TenantConfig(tenant)
            self.loads += 1
            self._configs[tenant] = config
        return config

    def __len__(self) -> int:
        return len(self._configs)
