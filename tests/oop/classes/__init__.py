"""Tests for src/examples/oop/classes (book/oop/classes.md)."""
