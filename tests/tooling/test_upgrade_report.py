"""make upgrade-report names the listing a newer dependency changes.

The test makes a local package index holding two releases of a package,
``bookprobe``: 1.0, which the probe book pins and shows, and 1.1, whose
``greet()`` prints something else.  The report must install 1.1, name the
one listing whose output changed (with its diff), leave the listing that
does not use ``greet()`` alone, and propose the new pin.
"""

from __future__ import annotations

import base64
import hashlib
import textwrap
import zipfile
from pathlib import Path

from bookkit import upgrade_report

BOOK = """\
# Probe

```{doctest}
>>> 6 * 7
42
```

```{doctest}
>>> import bookprobe
>>> bookprobe.greet()
'hello'
```
"""


def wheel(index: Path, version: str, greeting: str) -> None:
    """A minimal wheel of ``bookprobe`` in a PEP 503 simple index."""
    folder = index / "bookprobe"
    folder.mkdir(parents=True, exist_ok=True)
    name = f"bookprobe-{version}-py3-none-any.whl"
    info = f"bookprobe-{version}.dist-info"
    files = {
        "bookprobe/__init__.py": (
            f"def greet() -> str:\n    return {greeting!r}\n"
        ),
        f"{info}/METADATA": (
            f"Metadata-Version: 2.1\nName: bookprobe\nVersion: {version}\n"
        ),
        f"{info}/WHEEL": (
            "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
            "Tag: py3-none-any\n"
        ),
    }
    record = []
    for path, text in files.items():
        digest = hashlib.sha256(text.encode()).digest()
        encoded = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        record.append(f"{path},sha256={encoded},{len(text.encode())}")
    record.append(f"{info}/RECORD,,")
    files[f"{info}/RECORD"] = "\n".join(record) + "\n"
    with zipfile.ZipFile(folder / name, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    links = "".join(
        f'<a href="{w.name}">{w.name}</a>\n'
        for w in sorted(folder.glob("*.whl"))
    )
    (folder / "index.html").write_text(
        f"<html><body>\n{links}</body></html>\n"
    )


def test_the_report_names_the_listing_a_new_release_changes(
    tmp_path: Path,
) -> None:
    index = tmp_path / "simple"
    wheel(index, "1.0", "hello")
    wheel(index, "1.1", "Hello!")
    project = tmp_path / "project"
    (project / "book").mkdir(parents=True)
    (project / "book" / "probe.md").write_text(BOOK)
    (project / "pyproject.toml").write_text(
        textwrap.dedent(
            """\
            [project]
            name = "probe"
            version = "0"
            dependencies = ["bookprobe==1.0"]
            """
        )
    )
    (project / "pytest.ini").write_text(
        "[pytest]\naddopts = -p bookkit.pytest_plugin\nfilterwarnings = error\n"
    )
    outdir = tmp_path / "upgrade"
    status = upgrade_report.upgrade_report(
        project,
        outdir,
        pip_args=["--index-url", index.as_uri(), "--no-cache-dir"],
    )
    assert status == 0
    report = (outdir / "report.md").read_text()
    assert '- `"bookprobe==1.1"` (was 1.0)' in report
    assert "## Changed outputs (1)" in report
    assert "### book/probe.md:8" in report
    assert "-'hello'\n+'Hello!'" in report
    assert "book/probe.md:3" not in report
    assert "## Other failures (0)" in report
    assert report.endswith("1 passed, 1 failed\n")
