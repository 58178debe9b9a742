"""Examples for the foreword: what FastAPI does with ordinary Python."""
