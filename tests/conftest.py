"""Shared fixtures: the repository's layout and the book's builds."""

from __future__ import annotations

pytest_plugins = ["pytester"]
