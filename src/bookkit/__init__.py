"""Tooling that builds and verifies the book (not part of the book's examples)."""
