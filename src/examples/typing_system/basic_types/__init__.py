"""Examples for chapter 1.3.1, basic types."""
