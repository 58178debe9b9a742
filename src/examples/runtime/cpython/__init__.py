"""Examples for chapter 1.1.1, CPython, the reference interpreter."""
