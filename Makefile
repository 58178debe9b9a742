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

PYTHON_ORIGIN := $(if $(filter undefined,$(origin PYTHON)),default,given)
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
# `make release` (RELEASE=1): the edition page and the title verso refuse a
# book whose listings were not verified on every supported Python.
ifeq ($(RELEASE),1)
SPHINX     += -D book_release=1
endif

# Reproducible builds: every date in the outputs is the last commit's.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif

.PHONY: help python-check venv tex html latexpdf doctest epub handouts test lint typecheck \
        check exercise-check editions upgrade-report update-listing mutants python-inventory \
        verify-build release release-check clean distclean browser epubcheck

help: ## list the targets
	@echo "Targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | sort | \
	  awk -F'\t' '{printf "  make %-17s %s\n", $$1, $$2}'

# The interpreter: PYTHON= if given, else the one the venv was made with
# (recorded in $(STAMP) as "3.11.7 /path/to/python"), else python3.
# src/bookkit/python_check.sh refuses, before any work, an interpreter that
# is missing or unsupported, or that differs from the venv's.
RECORDED   := $(word 2,$(shell head -n 1 $(STAMP) 2>/dev/null))
ifeq ($(PYTHON_ORIGIN),default)
ifneq ($(RECORDED),)
PYTHON     := $(RECORDED)
endif
endif

python-check:
	@src/bookkit/python_check.sh "$(VENV)" "$(PYTHON)" "$(PYTHON_ORIGIN)"

$(STAMP): pyproject.toml | python-check
	@src/bookkit/system_deps.sh venv $(PYTHON)
	@echo "Creating $(VENV) with $(PYTHON): the pinned packages of pyproject.toml" \
	  "(a minute or two; log: $(VENV)/pip.log)"
	@$(PYTHON) -m venv --clear $(VENV)
	@{ $(BIN)/python -m pip install --upgrade pip && \
	   $(BIN)/python -m pip install -e '.[dev]'; } > $(VENV)/pip.log 2>&1 || { \
	  tail -n 20 $(VENV)/pip.log >&2; \
	  echo "error: pip install failed (full log: $(VENV)/pip.log)" >&2; exit 2; }
	@$(PYTHON) -c 'import sys; print("%d.%d.%d" % sys.version_info[:3], sys.executable)' > $@

venv: python-check $(STAMP) ## create the virtual environment (.venv) with the pinned packages

tex: ## install TeX (texlive-*, latexmk, xindy, fonts, poppler-utils) if missing
	@BOOK_SYSTEM_DEPS_LOG=$(BUILDDIR)/system-deps.log src/bookkit/system_deps.sh tex

# Every book build first runs the listings on this interpreter and records
# what it ran (_build/editions/local.json), so the edition page and the title
# verso state what this copy was checked with.  Make runs it once however
# many formats one command builds.
verify-build: venv
	$(SPHINX) -D book_record_build=1 -b doctest -d $(DOCTREES) book $(BUILDDIR)/doctest

# With latexpdf or epub in the same command, the HTML comes last and offers
# them as downloads (bookkit.frontmatter.built_alongside).
html: venv verify-build $(filter latexpdf epub,$(MAKECMDGOALS)) ## build the HTML book into _build/html (runs the doctests first)
	$(SPHINX) -b html -d $(DOCTREES) book $(BUILDDIR)/html
	@echo "HTML book: $(BUILDDIR)/html/index.html"

doctest: venv verify-build ## run every doctest of the chapters and the docstrings

epub: venv verify-build ## build the EPUB book into _build/epub
	$(SPHINX) -b epub -d $(DOCTREES) book $(BUILDDIR)/epub
	@echo "EPUB book: $$(ls $(BUILDDIR)/epub/*.epub)"

latexpdf: venv tex verify-build ## build the PDF book into _build/latex
	$(SPHINX) -b latex -d $(DOCTREES) book $(BUILDDIR)/latex
	$(BIN)/python -m bookkit.latex $(BUILDDIR)/latex python-underneath-fastapi
	@echo "PDF book: $(BUILDDIR)/latex/python-underneath-fastapi.pdf"

handouts: venv tex verify-build ## build the student and instructor PDFs of each part into _build/handouts
	@for edition in student instructor; do \
	  out=$(BUILDDIR)/handouts/$$edition; \
	  names=$$($(BIN)/python -m bookkit.handouts $$edition); \
	  $(SPHINX) -t handouts -t $$edition -b latex -d $(BUILDDIR)/doctrees-handouts-$$edition book $$out && \
	  $(BIN)/python -m bookkit.latex $$out $$names || exit 1; \
	  for name in $$names; do cp $$out/$$name.pdf $(BUILDDIR)/handouts/; done; \
	done
	@echo "Handouts:"; ls -1 $(BUILDDIR)/handouts/*.pdf

# The HTML tests run axe-core in Chromium; the EPUB test runs epubcheck.
browser: venv ## install chromium, chromedriver and axe-core (into .venv/axe-core) if missing
	@BOOK_SYSTEM_DEPS_LOG=$(BUILDDIR)/system-deps.log src/bookkit/system_deps.sh browser $(VENV)/axe-core

epubcheck: ## install epubcheck and a Java runtime if missing
	@BOOK_SYSTEM_DEPS_LOG=$(BUILDDIR)/system-deps.log src/bookkit/system_deps.sh epub

test: venv tex browser epubcheck ## run the whole test suite (lint, types, examples, listings, outputs)
	$(BIN)/python -m pytest $(PYTESTOPTS)

check: venv ## check one chapter in seconds: CHAPTER=book/<part>/<chapter>.md
	@test -n "$(CHAPTER)" || { \
	  echo "usage: make check CHAPTER=book/<part>/<chapter>.md" >&2; exit 2; }
	@$(BIN)/python -m bookkit.check $(CHAPTER)

exercise-check: venv ## run EXERCISE=1.1.1-3's checks [on ATTEMPT=your_file.py]
	@test -n "$(EXERCISE)" || { \
	  echo "usage: make exercise-check EXERCISE=<chapter>-<n> [ATTEMPT=your_file.py]" >&2; exit 2; }
	$(BIN)/python -m bookkit.exercises $(EXERCISE) $(if $(ATTEMPT),--attempt $(abspath $(ATTEMPT)))

editions: venv ## verify the book on CPython 3.11-3.15 (results: _build/editions) [VERSIONS=...] [FRESH=1]
	$(BIN)/python -m bookkit.editions run --outdir $(EDITIONS) $(if $(VERSIONS),--versions $(VERSIONS)) \
	  $(if $(filter 1 yes true,$(FRESH)),--fresh)

upgrade-report: venv ## run the book on the newest releases of the runtime deps (_build/upgrade/report.md)
	$(BIN)/python -m bookkit.upgrade_report --outdir $(BUILDDIR)/upgrade

release-check: venv ## fail unless _build/editions verifies every supported Python at HEAD
	$(BIN)/python -m bookkit.edition check $(EDITIONS)

release: ## make editions, then every format as a release (fails unless all verified)
	$(MAKE) editions
	$(MAKE) release-check
	$(MAKE) RELEASE=1 html latexpdf epub handouts

update-listing: venv ## rewrite LISTING=book/x.md:N's output from a run on VERSION=3.X [SPLIT_AT=3.Y]
	@test -n "$(LISTING)" -a -n "$(VERSION)" || { \
	  echo "usage: make update-listing LISTING=book/<chapter>.md:<line> VERSION=3.X [SPLIT_AT=3.Y]" >&2; exit 2; }
	@$(BIN)/python -m bookkit.editions update $(LISTING) --version $(VERSION) \
	  $(if $(SPLIT_AT),--split-at $(SPLIT_AT))

lint: venv ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: venv ## mypy --strict on src/, tests/; pyright (strict) on src/examples
	$(BIN)/mypy
	PYRIGHT_PYTHON_IGNORE_WARNINGS=1 $(BIN)/pyright

mutants: venv ## mutation-test src/examples/$(PART) (default: all) with mutmut and cosmic-ray; prints the scores
	rm -rf mutants
	$(BIN)/python -m bookkit.mutants $(PART)

python-inventory: ## refresh the vendored Python 3.15 docs inventory (Debian unstable)
	src/bookkit/unstable_root.sh ensure
	src/bookkit/unstable_root.sh run -- src/bookkit/fetch_inventory.sh 3.15 \
	  src/bookkit/inventories/python-3.15.inv

clean: ## remove the build outputs
	rm -rf $(BUILDDIR) .pytest_cache .mypy_cache .ruff_cache .coverage htmlcov

distclean: clean ## also remove the virtual environment
	rm -rf $(VENV)
