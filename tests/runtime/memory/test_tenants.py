"""Tests for src/examples/runtime/memory/tenants.py."""

from __future__ import annotations

from examples.runtime.memory.tenants import TenantConfigs


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
