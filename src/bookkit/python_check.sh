#!/usr/bin/env bash
# Check the interpreter a build will use, before any work.  Used by the Makefile.
#
#   python_check.sh VENV PYTHON ORIGIN
#
# ORIGIN is make's $(origin PYTHON): "default" when the command line and the
# environment name no interpreter.  The virtual environment records the
# interpreter it was made with in VENV/.installed ("3.11.7 /path/python").
#
# - PYTHON not found, or not a version in SUPPORTED (src/bookkit/policy.py):
#   refused, whether VENV exists or not.
# - VENV exists, made with another interpreter than an explicit PYTHON:
#   refused, saying how to switch.  Without an explicit PYTHON the venv's
#   own interpreter is used, whatever it is.
set -euo pipefail

venv=${1:?usage: python_check.sh VENV PYTHON ORIGIN}
python=${2?usage: python_check.sh VENV PYTHON ORIGIN}
[ -n "$python" ] || { echo "error: PYTHON= is empty; name an interpreter, e.g. PYTHON=python3.13" >&2; exit 2; }
origin=${3:-default}  # "default" or "given"
here=$(dirname "$0")
stamp=$venv/.installed

# SUPPORTED = ((3, 11), ...) in policy.py, as "3.11 3.12 ...".
supported=$(sed -n '/^SUPPORTED/,/^)/s/^ *(\([0-9]*\), *\([0-9]*\)),*$/\1.\2/p' \
  "$here/policy.py" | tr '\n' ' ')
supported=${supported% }
[ -n "$supported" ] || { echo "error: no SUPPORTED versions in $here/policy.py" >&2; exit 2; }

is_supported() {  # MINOR
  [[ " $supported " == *" $1 "* ]]
}

recorded=""
if [ -f "$stamp" ]; then
  recorded=$(head -n 1 "$stamp")
fi
if [ -z "$recorded" ] && [ -f "$venv/pyvenv.cfg" ]; then
  # A venv made before .installed recorded its interpreter.
  recorded=$(sed -n 's/^version = //p' "$venv/pyvenv.cfg")
fi
recorded_version=${recorded%% *}

if [ "$origin" = "default" ] && [ -n "$recorded_version" ]; then
  if ! is_supported "${recorded_version%.*}"; then
    echo "error: $venv was made with Python $recorded_version, which this book" \
         "does not support ($supported); remove it (rm -rf $venv) and run" \
         "make PYTHON=python3.X ..." >&2
    exit 2
  fi
  exit 0  # the venv's own interpreter
fi

if ! command -v "$python" >/dev/null 2>&1; then
  echo "error: PYTHON=$python: no such interpreter (not on PATH, not a file);" \
       "pyenv's are under ~/.pyenv/versions/X.Y.Z/bin/python" >&2
  exit 2
fi
if ! version=$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>&1) \
   || ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "error: PYTHON=$python ($(command -v "$python")) does not run as a Python" \
       "interpreter; it said:" >&2
  printf '%s\n' "$version" | head -n 5 | sed 's/^/       /' >&2
  echo "       (a pyenv shim that is not activated says so; give the path:" \
       "PYTHON=~/.pyenv/versions/X.Y.Z/bin/python)" >&2
  exit 2
fi
if ! is_supported "${version%.*}"; then
  echo "error: PYTHON=$python is Python $version; this book supports $supported" \
       "(SUPPORTED in src/bookkit/policy.py)" >&2
  exit 2
fi
if [ -n "$recorded_version" ] && [ "$recorded_version" != "$version" ]; then
  echo "error: $venv was made with Python $recorded_version; PYTHON=$python is" \
       "Python $version." >&2
  echo "       To switch: rm -rf $venv && make PYTHON=$python ...  (or leave" \
       "PYTHON unset to keep using Python $recorded_version)" >&2
  exit 2
fi
