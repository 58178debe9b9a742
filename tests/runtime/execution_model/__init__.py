"""Tests for src/examples/runtime/execution_model (book/runtime/execution_model.md)."""
