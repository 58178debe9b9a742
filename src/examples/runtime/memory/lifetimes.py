"""What outlives a request: only what something long-lived refers to.

``live_reports`` holds weak references, which do not keep a report alive,
so its length is the number of reports that still exist.
"""

import weakref

from fastapi import FastAPI


class Report:
    """A per-request object with some weight to it."""

    def __init__(self, rows: int) -> None:
        self.rows = [{"row": number} for number in range(rows)]


live_reports: weakref.WeakSet[Report] = weakref.WeakSet()
recent_reports: list[Report] = []  # module level: lives with the process

app = FastAPI(title="Lifetimes")


def build_report(rows: int) -> Report:
    """Build a report and register it (weakly) as live."""
    report = Report(rows)
    live_reports.add(report)
    return report


@app.get("/reports/{rows}")
def report(rows: int) -> dict[str, int]:
    """The report is referenced from this call only; it dies with it."""
    return {"rows": len(build_report(rows).rows)}


@app.get("/remembered-reports/{rows}")
def remembered_report(rows: int) -> dict[str, int]:
    """Wrong: a module-level list keeps every report of every request."""
    built = build_report(rows)
    recent_reports.append(built)
    return {"rows": len(built.rows), "kept": len(recent_reports)}
