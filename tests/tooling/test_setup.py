"""Set-up failures give clear errors: an unsupported Python, a missing TeX."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from bookkit import policy
from bookkit.listings import ROOT


def test_an_unsupported_python_is_refused_by_name() -> None:
    with pytest.raises(RuntimeError, match=r"Python 3\.10 is not supported"):
        policy.check_supported((3, 10))
    with pytest.raises(
        RuntimeError, match=r"3\.16 is not supported.*SUPPORTED in"
    ):
        policy.check_supported((3, 16))
    policy.check_supported()  # the running interpreter is supported


def test_make_refuses_a_python_older_than_3_11(tmp_path: Path) -> None:
    old = tmp_path / "python3.10"
    old.write_text(
        "#!/bin/sh\n# stands for a Python 3.10: fails the Makefile's check\nexit 1\n"
    )
    old.chmod(0o755)
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "venv",
            f"PYTHON={old}",
            f"VENV={tmp_path / 'v'}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert f"error: {old} is not Python 3.11 or later" in result.stderr
    assert not (tmp_path / "v").exists()


def test_missing_tex_names_the_apt_command_when_not_root(
    tmp_path: Path,
) -> None:
    # A PATH with the shell tools the script needs, no TeX at all, and an
    # `id` that answers like an ordinary user.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "env", "grep"):
        found = shutil.which(tool)
        assert found is not None
        (bin_dir / tool).symlink_to(found)
    fake_id = bin_dir / "id"
    fake_id.write_text("#!/bin/sh\necho 1000\n")
    fake_id.chmod(0o755)
    result = subprocess.run(
        [str(ROOT / "src" / "bookkit" / "system_deps.sh"), "tex"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PATH": str(bin_dir)},
    )
    assert result.returncode == 2
    assert "TeX is incomplete (missing: xelatex latexmk xindy" in result.stdout
    assert (
        "install them with: sudo apt-get install --no-install-recommends "
        "texlive-xetex" in result.stderr
    )
