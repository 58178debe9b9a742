"""A module-level counter: one value shared by every request and thread."""

import threading

from fastapi import FastAPI

app = FastAPI(title="Counter")

hits = 0
hits_lock = threading.Lock()


@app.post("/hits")
def hit() -> dict[str, int]:
    """Count a request; ``def`` endpoints run in several threads at once."""
    global hits
    with hits_lock:
        hits += 1
        current = hits
    return {"hits": current}
