"""Examples for Part I, the Python runtime: one package per chapter."""
