#!/usr/bin/env bash
# Install, or name, the Debian packages a build needs.  Used by the Makefile.
#
#   system_deps.sh venv PYTHON   Python's venv module (python3.X-venv on Debian)
#   system_deps.sh tex           TeX for the PDF: xelatex, latexmk, xindy, fonts, poppler
#   system_deps.sh unstable      debootstrap, for the Debian unstable root (3.14, 3.15)
#   system_deps.sh browser DIR   chromium and chromedriver for the HTML tests, and
#                                axe-core (npm, AXE_CORE_VERSION) into DIR
#   system_deps.sh epub          epubcheck and a Java runtime, for the EPUB test
#
# As root, missing packages are installed with apt-get.  Otherwise the script
# stops and prints the exact command to run.  When nothing is missing it
# calls nothing else: no apt-get, no network.
set -euo pipefail

LOG=${BOOK_SYSTEM_DEPS_LOG:-_build/system-deps.log}

# The accessibility engine the HTML test runs in Chromium (tests/tooling/
# test_browser.py).
AXE_CORE_VERSION=4.14.1

TEX_PACKAGES=(texlive-xetex texlive-latex-recommended texlive-latex-extra
              texlive-fonts-recommended latexmk xindy fonts-texgyre
              fonts-dejavu-core fonts-dejavu-extra fonts-inconsolata poppler-utils)

install() {  # install PACKAGES..., or explain how to
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "error: missing system packages for this build: $*" >&2
    echo "       install them with: sudo apt-get install --no-install-recommends $*" >&2
    exit 2
  fi
  mkdir -p "$(dirname "$LOG")"
  # One install at a time: .ci/run starts make editions (which may install
  # debootstrap) while make test installs TeX, and apt-get refuses to run
  # beside another apt-get.  The lock is released when this script exits.
  # (flock is util-linux's, on every Debian; the tests' stub PATHs lack it.)
  if command -v flock >/dev/null; then
    exec 9>/var/lock/book-system-deps.lock
    flock 9
  fi
  echo "Installing Debian packages (minutes; log: $LOG): $*"
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get update -qq && \
         apt-get install -y -qq --no-install-recommends "$@"; } >"$LOG" 2>&1; then
    tail -n 20 "$LOG" >&2
    echo "error: apt-get failed (full log: $LOG)" >&2
    exit 2
  fi
}

case "${1:-}" in
  venv)
    python=${2:?usage: system_deps.sh venv PYTHON}
    if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
      minor=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
      install "python${minor}-venv"
    fi
    ;;
  tex)
    missing=()
    for tool in xelatex latexmk xindy pdffonts pdfinfo pdftotext; do
      command -v "$tool" >/dev/null || missing+=("$tool")
    done
    # Captured, not piped into `grep -q`: under pipefail, grep's early exit
    # kills fc-list with SIGPIPE and the fonts would count as missing.
    fonts=$(fc-list : file 2>/dev/null || true)
    # conf.py's faces (bookkit.frontmatter.FONTS), with the italic and
    # oblique ones the PDF also embeds: the text in TeX Gyre Pagella, the
    # headings in TeX Gyre Heros (fonts-texgyre), inline code in DejaVu Sans
    # Mono (its oblique is in fonts-dejavu-extra), listings in Inconsolata
    # (fonts-inconsolata). Without a face xelatex substitutes another or
    # prints emphasis upright.
    for font in DejaVuSansMono.ttf DejaVuSansMono-Bold.ttf DejaVuSansMono-Oblique.ttf; do
      [[ $fonts == *"/$font"* ]] || { missing+=("DejaVu fonts"); break; }
    done
    for font in texgyrepagella-regular.otf texgyrepagella-italic.otf \
                texgyrepagella-bold.otf texgyrepagella-bolditalic.otf \
                texgyreheros-regular.otf texgyreheros-bold.otf texgyreheros-italic.otf; do
      [[ $fonts == *"/$font"* ]] || { missing+=("TeX Gyre fonts"); break; }
    done
    [[ $fonts == *"/Inconsolata.otf"* ]] || missing+=("Inconsolata font")
    for sty in fontspec fncychap tabulary capt-of needspace wrapfig; do
      kpsewhich "$sty.sty" >/dev/null 2>&1 || missing+=("$sty.sty")
    done
    if [ ${#missing[@]} -gt 0 ]; then
      echo "TeX is incomplete (missing: ${missing[*]})."
      install "${TEX_PACKAGES[@]}"
    fi
    ;;
  unstable)
    command -v debootstrap >/dev/null || install debootstrap
    ;;
  browser)
    dir=${2:?usage: system_deps.sh browser DIR}
    missing=()
    command -v chromium >/dev/null || missing+=(chromium)
    command -v chromedriver >/dev/null || missing+=(chromium-driver)
    command -v npm >/dev/null || missing+=(npm)
    [ ${#missing[@]} -eq 0 ] || install "${missing[@]}"
    axe=$dir/node_modules/axe-core
    if ! grep -qs "\"version\": \"$AXE_CORE_VERSION\"" "$axe/package.json" ||
       [ ! -f "$axe/axe.min.js" ]; then
      mkdir -p "$dir"
      echo "Installing axe-core $AXE_CORE_VERSION from npm into $dir (log: $LOG)"
      mkdir -p "$(dirname "$LOG")"
      if ! npm install --prefix "$dir" --no-save --no-audit --no-fund \
             --ignore-scripts "axe-core@$AXE_CORE_VERSION" >"$LOG" 2>&1; then
        tail -n 20 "$LOG" >&2
        echo "error: npm install axe-core@$AXE_CORE_VERSION failed (full log: $LOG)" >&2
        exit 2
      fi
    fi
    ;;
  epub)
    missing=()
    command -v epubcheck >/dev/null || missing+=(epubcheck)
    command -v java >/dev/null || missing+=(default-jre-headless)
    [ ${#missing[@]} -eq 0 ] || install "${missing[@]}"
    ;;
  *)
    echo "usage: system_deps.sh venv PYTHON | tex | unstable | browser DIR | epub" >&2
    exit 2
    ;;
esac
