"""Examples for chapter 1.1.2, the execution model."""
