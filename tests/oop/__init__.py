"""Tests for Part II, "Object-oriented Python"."""
