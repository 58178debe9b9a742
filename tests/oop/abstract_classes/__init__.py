"""Tests for src/examples/oop/abstract_classes (book/oop/abstract_classes.md)."""
