"""Tests for src/examples/oop/mixins (book/oop/mixins.md)."""
