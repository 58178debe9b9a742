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


def fake_python(tmp_path: Path, version: str) -> Path:
    """An executable that answers the Makefile's version probe as ``version``
    would (and does nothing else: a refusal must come before any work)."""
    path = tmp_path / f"python{version}"
    path.write_text(f"#!/bin/sh\necho {version}\n")
    path.chmod(0o755)
    return path


def run_make(*args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"PYTHON", "VENV", "MAKEFLAGS"}
    }
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def existing_venv(tmp_path: Path, recorded: str) -> Path:
    """A venv folder whose stamp records ``recorded`` and is up to date."""
    venv = tmp_path / "venv"
    venv.mkdir()
    (venv / ".installed").write_text(recorded + "\n")
    return venv


PYENV_310 = Path.home() / ".pyenv" / "versions" / "3.10.13" / "bin" / "python"


@pytest.mark.parametrize("target", ["venv", "test"])
def test_make_refuses_an_unsupported_python_without_a_venv(
    tmp_path: Path, target: str
) -> None:
    old = fake_python(tmp_path, "3.10.13")
    result = run_make(target, f"PYTHON={old}", f"VENV={tmp_path / 'v'}")
    assert result.returncode == 2
    assert (
        f"error: PYTHON={old} is Python 3.10.13; this book supports "
        "3.11 3.12 3.13 3.14 3.15" in result.stderr
    )
    assert not (tmp_path / "v").exists()


@pytest.mark.skipif(
    not PYENV_310.exists(), reason=f"no real Python 3.10 at {PYENV_310}"
)
def test_make_refuses_a_real_python_3_10(tmp_path: Path) -> None:
    result = run_make("test", f"PYTHON={PYENV_310}", f"VENV={tmp_path / 'v'}")
    assert result.returncode == 2
    assert "is Python 3.10.13; this book supports" in result.stderr
    assert not (tmp_path / "v").exists()


def test_make_says_a_missing_python_is_not_found(tmp_path: Path) -> None:
    result = run_make("venv", "PYTHON=python3.99", f"VENV={tmp_path / 'v'}")
    assert result.returncode == 2
    assert "PYTHON=python3.99: no such interpreter" in result.stderr


def test_make_refuses_an_unsupported_python_with_a_venv(
    tmp_path: Path,
) -> None:
    venv = existing_venv(tmp_path, "3.12.1 /opt/python3.12")
    old = fake_python(tmp_path, "3.10.13")
    result = run_make("test", f"PYTHON={old}", f"VENV={venv}")
    assert result.returncode == 2
    assert "is Python 3.10.13; this book supports" in result.stderr
    assert "-m pytest" not in result.stdout + result.stderr


def test_make_refuses_another_python_than_the_venvs_and_says_how_to_switch(
    tmp_path: Path,
) -> None:
    venv = existing_venv(tmp_path, "3.12.1 /opt/python3.12")
    other = fake_python(tmp_path, "3.13.0")
    result = run_make("test", f"PYTHON={other}", f"VENV={venv}")
    assert result.returncode == 2
    assert (
        f"error: {venv} was made with Python 3.12.1; PYTHON={other} is "
        "Python 3.13.0." in result.stderr
    )
    assert f"To switch: rm -rf {venv} && make PYTHON={other}" in result.stderr
    assert "-m pytest" not in result.stdout


def test_without_python_the_venvs_own_interpreter_is_used(
    tmp_path: Path,
) -> None:
    venv = existing_venv(tmp_path, "3.12.1 /opt/python3.12")
    assert run_make("venv", f"VENV={venv}").returncode == 0  # up to date
    os.utime(venv / ".installed", (0, 0))  # older than pyproject.toml
    plan = run_make("-n", "venv", f"VENV={venv}")
    assert plan.returncode == 0, plan.stderr
    assert f"/opt/python3.12 -m venv --clear {venv}" in plan.stdout


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


# ------------------------------------------------------- system_deps.sh tex
SYSTEM_DEPS = ROOT / "src" / "bookkit" / "system_deps.sh"
#: 1 MB of fc-list-like output, the DejaVu line first: far more than a pipe
#: holds, so a reader that stops at the first match (``grep -q``) leaves the
#: writer to die of SIGPIPE, every time.
FONT_LINES = 20_000


DEJAVU = "/usr/share/fonts/truetype/dejavu"
TEXGYRE = "/usr/share/texmf/fonts/opentype/public/tex-gyre"
INCONSOLATA = "/usr/share/fonts/truetype/inconsolata"
#: The font files of conf.py's faces (bookkit.frontmatter.FONTS).
BOOK_FONTS = [
    f"{DEJAVU}/DejaVuSansMono.ttf",
    f"{DEJAVU}/DejaVuSansMono-Bold.ttf",
    f"{DEJAVU}/DejaVuSansMono-Oblique.ttf",
    *(
        f"{TEXGYRE}/texgyre{face}.otf"
        for face in (
            "pagella-regular",
            "pagella-italic",
            "pagella-bold",
            "pagella-bolditalic",
            "heros-regular",
            "heros-bold",
            "heros-italic",
        )
    ),
    f"{INCONSOLATA}/Inconsolata.otf",
]


def stub(bin_dir: Path, name: str, script: str) -> None:
    path = bin_dir / name
    path.write_text(f"#!/bin/bash\n{script}\n")
    path.chmod(0o755)


def tex_machine(tmp_path: Path, *, fonts: bool, root: bool) -> Path:
    """A PATH holding TeX stubs, an fc-list stub and a recording apt-get."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "env", "grep", "mkdir", "dirname", "tail"):
        found = shutil.which(tool)
        assert found is not None
        (bin_dir / tool).symlink_to(found)
    for tool in (
        "xelatex",
        "latexmk",
        "xindy",
        "pdffonts",
        "pdfinfo",
        "pdftotext",
    ):
        stub(bin_dir, tool, "exit 0")
    stub(bin_dir, "kpsewhich", 'echo "/usr/share/texmf/$1"')
    first = (
        "\\n".join(f"{path}: " for path in BOOK_FONTS)
        if fonts
        else "/usr/share/fonts/truetype/other/Other.ttf: "
    )
    stub(
        bin_dir,
        "fc-list",
        f'echo -e "{first}"\n'
        f"for ((i = 0; i < {FONT_LINES}; i++)); do\n"
        '  echo "/usr/share/fonts/truetype/noto/NotoSans-$i.ttf: "\n'
        "done",
    )
    stub(bin_dir, "id", f"echo {0 if root else 1000}")
    stub(bin_dir, "apt-get", f'echo "apt-get $*" >> {tmp_path}/apt-calls')
    return bin_dir


def run_tex_check(
    tmp_path: Path, bin_dir: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SYSTEM_DEPS), "tex"],
        capture_output=True,
        text=True,
        check=False,
        env={
            "PATH": str(bin_dir),
            "BOOK_SYSTEM_DEPS_LOG": str(tmp_path / "log" / "deps.log"),
        },
    )


def test_the_stub_reproduces_the_sigpipe_false_alarm(tmp_path: Path) -> None:
    # The old check, `fc-list | grep -q` under pipefail, fails on this
    # machine although the font is there: the stub is a faithful witness.
    bin_dir = tex_machine(tmp_path, fonts=True, root=True)
    result = subprocess.run(
        [
            str(bin_dir / "bash"),
            "-c",
            "set -o pipefail; fc-list | grep -q DejaVuSansMono.ttf",
        ],
        env={"PATH": str(bin_dir)},
        check=False,
    )
    assert result.returncode == 141  # 128 + SIGPIPE, from fc-list


@pytest.mark.parametrize("root", [True, False], ids=["root", "user"])
def test_installed_fonts_are_found_and_nothing_is_installed(
    tmp_path: Path, root: bool
) -> None:
    bin_dir = tex_machine(tmp_path, fonts=True, root=root)
    for _ in range(3):
        result = run_tex_check(tmp_path, bin_dir)
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout == result.stderr == ""
    assert not (tmp_path / "apt-calls").exists()  # no apt-get, no network


def test_missing_fonts_are_reported_and_installed_as_root(
    tmp_path: Path,
) -> None:
    bin_dir = tex_machine(tmp_path, fonts=False, root=True)
    result = run_tex_check(tmp_path, bin_dir)
    assert result.returncode == 0, result.stderr
    assert (
        "TeX is incomplete (missing: DejaVu fonts TeX Gyre fonts "
        "Inconsolata font)." in result.stdout
    )
    log = tmp_path / "log" / "deps.log"
    assert f"Installing Debian packages (minutes; log: {log})" in (
        result.stdout
    )
    calls = (tmp_path / "apt-calls").read_text().splitlines()
    assert calls[0] == "apt-get update -qq"
    assert calls[1].startswith(
        "apt-get install -y -qq --no-install-recommends"
    )
    assert "fonts-dejavu-core" in calls[1]
    assert "fonts-texgyre" in calls[1]
    assert "fonts-inconsolata" in calls[1]


def test_missing_fonts_name_the_apt_command_when_not_root(
    tmp_path: Path,
) -> None:
    bin_dir = tex_machine(tmp_path, fonts=False, root=False)
    result = run_tex_check(tmp_path, bin_dir)
    assert result.returncode == 2
    assert (
        "TeX is incomplete (missing: DejaVu fonts TeX Gyre fonts "
        "Inconsolata font)." in result.stdout
    )
    assert "sudo apt-get install --no-install-recommends" in result.stderr
    assert not (tmp_path / "apt-calls").exists()


def test_each_font_the_pdf_uses_is_required(tmp_path: Path) -> None:
    # conf.py sets TeX Gyre Pagella and Heros, DejaVu Sans Mono and (for
    # listings) Inconsolata: each face missing alone is reported, under its
    # package's name.
    for missing, name in [
        ("DejaVuSansMono-Bold", "DejaVu fonts"),
        ("Inconsolata", "Inconsolata font"),
        ("texgyreheros-bold", "TeX Gyre fonts"),
        ("texgyrepagella-regular", "TeX Gyre fonts"),
    ]:
        machine = tmp_path / missing
        machine.mkdir()
        bin_dir = tex_machine(machine, fonts=True, root=False)
        present = [path for path in BOOK_FONTS if missing not in path]
        lines = "\\n".join(f"{path}: " for path in present)
        stub(bin_dir, "fc-list", f'echo -e "{lines}"')
        result = run_tex_check(machine, bin_dir)
        assert result.returncode == 2, missing
        assert f"TeX is incomplete (missing: {name})." in result.stdout


def test_the_italic_faces_are_required(tmp_path: Path) -> None:
    # The upright faces only (fonts-dejavu-core without fonts-dejavu-extra;
    # tooling review R1: xelatex then prints emphasis upright, rc 0).
    bin_dir = tex_machine(tmp_path, fonts=True, root=False)
    upright = "\\n".join(
        f"{path}: "
        for path in BOOK_FONTS
        if "Oblique" not in path and "italic" not in path
    )
    stub(bin_dir, "fc-list", f'echo -e "{upright}"')
    result = run_tex_check(tmp_path, bin_dir)
    assert result.returncode == 2
    assert (
        "TeX is incomplete (missing: DejaVu fonts TeX Gyre fonts)."
        in result.stdout
    )
    assert "fonts-dejavu-extra" in result.stderr
