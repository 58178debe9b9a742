"""Examples for chapter 1.2.3, "Composition" (book/oop/composition.md)."""
