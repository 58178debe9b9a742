"""Examples for chapter 1.1.3, memory management."""
