"""A module-level counter: one value shared by every request and thread."""

import threading

from fastapi import FastAPI

app = FastAPI(title="Counter")

# [counter]
hits: int = 0
hits_lock = threading.Lock()


@app.post("/hits")
def hit() -> dict[str, int]:
    """Count a request; ``def`` endpoints run in several threads at once."""
    global hits
    with hits_lock:
        hits += 1
        current = hits
    return {"hits": current}


# [end counter]


@app.post("/unlocked-hits")
def hit_unlocked() -> dict[str, int]:
    """The same count without the lock: two requests can lose an update."""
    global hits
    hits += 1
    return {"hits": hits}
