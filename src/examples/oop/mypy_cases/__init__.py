"""Listings a type checker must reject; tests run mypy on each file."""
