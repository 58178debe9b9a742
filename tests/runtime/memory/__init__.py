"""Tests for src/examples/runtime/memory (book/runtime/memory.md)."""
