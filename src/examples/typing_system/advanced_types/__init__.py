"""Examples for chapter 1.3.2, advanced types."""
