"""Examples for chapter 1.2.1, "Classes" (book/oop/classes.md)."""
