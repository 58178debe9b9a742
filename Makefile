# The Python underneath FastAPI -- build and test the book.
#
#   make html latexpdf doctest   build the HTML and the PDF, run every doctest
#   make test                    run the whole test suite
#
# Both set up what they need on first use: a virtual environment with the
# pinned packages of pyproject.toml, and (for the PDF) TeX from Debian's
# texlive-* packages. `make help` lists every target.

SHELL        := /bin/bash
.SHELLFLAGS  := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON     ?= python3
VENV       ?= .venv
BUILDDIR   ?= _build
SPHINXOPTS ?=
PYTESTOPTS ?=

BIN        := $(VENV)/bin
STAMP      := $(VENV)/.installed
EDITIONS   := $(abspath $(BUILDDIR))/editions
SPHINX     := $(BIN)/sphinx-build -c . -n -W --keep-going -j 1 \
              -D book_editions_dir=$(EDITIONS) $(SPHINXOPTS)
DOCTREES   := $(BUILDDIR)/doctrees

# Reproducible builds: every date in the outputs is the last commit's.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: help venv tex html latexpdf doctest epub handouts test lint typecheck \
        editions upgrade-report update-listing python-inventory clean distclean

help: ## list the targets
	@echo "Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | sort | \
	  awk -F'\t' '{printf "  make %-17s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || { \
	  echo "error: $(PYTHON) is not Python 3.11 or later; run 'make PYTHON=python3.X ...'" >&2; exit 2; }
	@src/bookkit/system_deps.sh venv $(PYTHON)
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

venv: $(STAMP) ## create the virtual environment (.venv) with the pinned packages

tex: ## install TeX (texlive-*, latexmk, xindy, fonts, poppler-utils) if missing
	@src/bookkit/system_deps.sh tex

html: venv ## build the HTML book into _build/html
	$(SPHINX) -b html -d $(DOCTREES) book $(BUILDDIR)/html
	@echo "HTML book: $(BUILDDIR)/html/index.html"

doctest: venv ## run every doctest of the chapters and the docstrings
	$(SPHINX) -b doctest -d $(DOCTREES) book $(BUILDDIR)/doctest

epub: venv ## build the EPUB book into _build/epub
	$(SPHINX) -b epub -d $(DOCTREES) book $(BUILDDIR)/epub
	@echo "EPUB book: $$(ls $(BUILDDIR)/epub/*.epub)"

latexpdf: venv tex ## build the PDF book into _build/latex
	$(SPHINX) -b latex -d $(DOCTREES) book $(BUILDDIR)/latex
	$(BIN)/python -m bookkit.latex $(BUILDDIR)/latex python-underneath-fastapi
	@echo "PDF book: $(BUILDDIR)/latex/python-underneath-fastapi.pdf"

handouts: venv tex ## build one printable PDF per part into _build/handouts
	$(SPHINX) -t handouts -b latex -d $(BUILDDIR)/doctrees-handouts book $(BUILDDIR)/handouts
	$(BIN)/python -m bookkit.latex $(BUILDDIR)/handouts $$($(BIN)/python -m bookkit.handouts)
	@echo "Handouts:"; ls -1 $(BUILDDIR)/handouts/*.pdf

test: venv tex ## run the whole test suite (lint, types, examples, listings, outputs)
	$(BIN)/python -m pytest $(PYTESTOPTS)

editions: venv ## verify the book on CPython 3.11-3.15 (results: _build/editions) [VERSIONS=...] [FRESH=1]
	$(BIN)/python -m bookkit.editions run --outdir $(EDITIONS) $(if $(VERSIONS),--versions $(VERSIONS)) \
	  $(if $(filter 1 yes true,$(FRESH)),--fresh)

upgrade-report: venv ## run the book on the newest releases of the runtime deps (_build/upgrade/report.md)
	$(BIN)/python -m bookkit.upgrade_report --outdir $(BUILDDIR)/upgrade

update-listing: venv ## rewrite LISTING=book/x.md:N's output from a run on VERSION=3.X [SPLIT_AT=3.Y]
	@test -n "$(LISTING)" -a -n "$(VERSION)" || { \
	  echo "usage: make update-listing LISTING=book/<chapter>.md:<line> VERSION=3.X [SPLIT_AT=3.Y]" >&2; exit 2; }
	$(BIN)/python -m bookkit.editions update $(LISTING) --version $(VERSION) \
	  $(if $(SPLIT_AT),--split-at $(SPLIT_AT))

lint: venv ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: venv ## mypy --strict on src/
	$(BIN)/mypy

python-inventory: ## refresh the vendored Python 3.15 docs inventory (Debian unstable)
	src/bookkit/unstable_root.sh ensure
	src/bookkit/unstable_root.sh run -- src/bookkit/fetch_inventory.sh 3.15 \
	  src/bookkit/inventories/python-3.15.inv

clean: ## remove the build outputs
	rm -rf $(BUILDDIR) .pytest_cache .mypy_cache .ruff_cache .coverage htmlcov

distclean: clean ## also remove the virtual environment
	rm -rf $(VENV)
