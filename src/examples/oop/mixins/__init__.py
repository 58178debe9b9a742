"""Examples for chapter 1.2.4, "Mixins" (book/oop/mixins.md)."""
