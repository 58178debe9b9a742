"""Examples for Part III: the typing system that FastAPI reads."""
