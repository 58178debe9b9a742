"""Tests for src/examples/runtime/memory/lifetimes.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from examples.runtime.memory import lifetimes


@pytest.fixture
def client() -> Iterator[TestClient]:
    lifetimes.recent_reports.clear()
    yield TestClient(lifetimes.app)
    lifetimes.recent_reports.clear()


@pytest.mark.usefixtures("no_collector")
def test_a_report_dies_with_its_request(client: TestClient) -> None:
    for _ in range(3):
        assert client.get("/reports/10").json() == {"rows": 10}
    assert len(lifetimes.live_reports) == 0


@pytest.mark.usefixtures("no_collector")
def test_remembered_reports_live_with_the_module(client: TestClient) -> None:
    kept = [client.get("/remembered-reports/10").json() for _ in range(3)]
    assert kept == [{"rows": 10, "kept": n} for n in (1, 2, 3)]
    assert len(lifetimes.live_reports) == 3
    lifetimes.recent_reports.clear()
    assert len(lifetimes.live_reports) == 0


def test_build_report_registers_weakly() -> None:
    report = lifetimes.build_report(2)
    assert report.rows == [{"row": 0}, {"row": 1}]
    assert report in lifetimes.live_reports
    del report
    assert len(lifetimes.live_reports) == 0
