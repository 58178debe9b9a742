"""Examples for chapter 1.2.2, "Inheritance" (book/oop/inheritance.md)."""
