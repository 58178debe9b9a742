"""Tests for Part I, the Python runtime."""
