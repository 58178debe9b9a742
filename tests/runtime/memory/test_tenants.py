"""Tests for src/examples/runtime/memory/tenants.py."""

from __future__ import annotations

import contextlib
import threading

from examples.runtime.memory.tenants import TenantConfig, TenantConfigs


def test_one_config_per_tenant_while_in_use() -> None:
    configs = TenantConfigs()
    acme, other = configs.get("acme"), configs.get("other")
    assert configs.get("acme") is acme
    assert (acme.tenant, other.tenant) == ("acme", "other")
    assert (configs.loads, len(configs)) == (2, 2)
    del acme
    assert len(configs) == 1
    assert configs.get("acme").tenant == "acme"
    assert configs.loads == 3


class UnlockedTenantConfigs(TenantConfigs):
    """The unsafe variant: the same lookup and load without the lock."""

    def get(self, tenant: str) -> TenantConfig:
        config = self._configs.get(tenant)
        if config is None:
            config = self._load(tenant)
            self.loads += 1
            self._configs[tenant] = config
        return config


def _get_from_two_threads(
    cls: type[TenantConfigs], wait: float
) -> tuple[list[TenantConfig], int]:
    """Two threads miss at once; the loader waits for the other loader.

    The barrier lets a load finish only once two loads are running, so
    without the lock both threads are forced into the loader together.
    With the lock the second thread cannot get there: the barrier times
    out, and that one load goes on alone.
    """
    both_loading = threading.Barrier(2, timeout=wait)

    def load(tenant: str) -> TenantConfig:
        with contextlib.suppress(threading.BrokenBarrierError):
            both_loading.wait()
        return TenantConfig(tenant)

    configs = cls(load)
    got: list[TenantConfig] = []  # strong references keep entries alive
    threads = [
        threading.Thread(target=lambda: got.append(configs.get("acme")))
        for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return got, configs.loads


def test_lock_makes_concurrent_misses_share_one_load() -> None:
    got, loads = _get_from_two_threads(TenantConfigs, wait=0.5)
    assert loads == 1
    assert got[0] is got[1]


def test_without_the_lock_concurrent_misses_load_twice() -> None:
    got, loads = _get_from_two_threads(UnlockedTenantConfigs, wait=10)
    assert loads == 2
    assert got[0] is not got[1]
