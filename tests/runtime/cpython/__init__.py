"""Tests for src/examples/runtime/cpython (book/runtime/cpython.md)."""
