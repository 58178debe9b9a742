"""Tests for src/examples/oop/composition (book/oop/composition.md)."""
