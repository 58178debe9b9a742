"""Tests for src/examples/oop/inheritance (book/oop/inheritance.md)."""
