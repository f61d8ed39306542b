# Two commands set everything up on a fresh machine:
#   make serve   the site on http://127.0.0.1:8000 with live reload
#   make test    the whole test suite
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SITE_DIR ?= site
export NO_MKDOCS_2_WARNING := 1
# Dates in the output come from the last commit, not from the clock, so two
# builds of one commit are byte-identical.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH
# The version this build publishes (data/versies.yml); empty means the working version.
VERSION ?=
ifneq ($(VERSION),)
export ACTIEPLAN_VERSIE := $(VERSION)
endif
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install serve build validate lint test test-fast golden browser hunspell taal bench clean pdf publish release

help:
	@echo "make serve     site bouwen en tonen op http://127.0.0.1:8000 (ververst bij elke wijziging)"
	@echo "make test      alle tests draaien (installeert zelf wat nodig is)"
	@echo "make test-fast de snelle tests: zonder browser en zonder hele sites te bouwen"
	@echo "make taal      spelling (hunspell, Nederlands) en B1-niveau van docs/ en data/ controleren"
	@echo "make lint      de code controleren op stijl, fouten en types (ruff en mypy)"
	@echo "make golden    de verwachte uitvoer in tests/golden/ opnieuw maken (na een bedoelde wijziging)"
	@echo "make build     de site streng bouwen in site/"
	@echo "make validate  alleen de gegevens in data/ controleren"
	@echo "make pdf       het hele plan als PDF (en een concept ook als ODT) in docs/pdf/, daarna de site met links ernaar"
	@echo "make publish VERSION=2024-06 [ALIAS=latest]   een versie publiceren met mike in de tak gh-pages (lokaal)"
	@echo "make release VERSION=2024-06                  de gegevens van een versie vastleggen in data/snapshots/"
	@echo "make bench     meten hoe snel de site bouwt en laadt (een paar minuten; schrijft bench/results.*)"

# The virtualenv with exact pins; rebuilt when the pins change.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[pdf,test,lint]'
	@touch $(STAMP)

install: $(STAMP)

validate: $(STAMP)
	$(BIN)/actieplan validate

serve: $(STAMP)
	$(BIN)/actieplan validate
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

# Build into a temporary folder and swap it in only when the build succeeds,
# so a failed build never leaves a half site behind.
build: $(STAMP)
	@# One build at a time (site.lock), into a folder of its own, swapped into place in one step.
	$(BIN)/python -m macros.dev.sitebuild "$(SITE_DIR)" -- $(BIN)/mkdocs build --strict

# Debian's chromium for the browser tests; installed only when missing and
# when we may (root). Never a browser download by Playwright. When it stays
# missing, pytest says so in one line and skips the browser tests (or fails
# them with REQUIRE_BROWSER=1, as .ci/run does).
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Chromium installeren met apt-get..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

# Debian's hunspell with the Dutch dictionary for the spelling check (make taal,
# tests/test_taal.py); installed like chromium, only when missing and when we may.
hunspell:
	@if command -v hunspell >/dev/null 2>&1 && [ -f /usr/share/hunspell/nl.dic ]; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "hunspell en het Nederlandse woordenboek installeren met apt-get..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hunspell hunspell-nl >/dev/null; \
	fi

# Spelling and B1: every finding as FILE:LINE, with a suggestion or a plainer word.
taal: $(STAMP) hunspell
	$(BIN)/python -m macros.dev.taal

# Style, mistakes and types: ruff (lint and format) and mypy, configured in pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff check macros tests bench
	$(BIN)/ruff format --check macros tests bench
	$(BIN)/mypy

# make test only compares with tests/golden/; make golden writes it.
test: $(STAMP) browser hunspell
	UPDATE_GOLDEN= $(BIN)/python -m pytest $(PYTEST_ARGS)

# The expected outputs of the fixture plan (tests/test_golden.py), written anew;
# then what changed, for the commit.
golden: $(STAMP)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py
	@git diff --stat -- tests/golden
	@git status --short --untracked-files=all -- tests/golden | grep '^??' || true

# The quick loop while working: no browser tests (tests/browser/) and none marked
# slow (whole-site builds in child processes). make test still runs everything.
test-fast: $(STAMP) hunspell
	$(BIN)/python -m pytest -m "not browser and not slow" $(PYTEST_ARGS)

# The PDF of the version being built: printed from the print page by chromium,
# then placed in docs/pdf/ so the site build copies and links it; a concept also
# as an ODT, made from the same print page.
PDF_VERSION = $(or $(VERSION),$(shell $(BIN)/actieplan werkversie))
pdf: $(STAMP) browser
	@rm -rf .site-print
	ACTIEPLAN_PDF=true $(BIN)/mkdocs build --strict --quiet --site-dir .site-print
	$(BIN)/actieplan pdf .site-print "docs/pdf/actieplan-$(PDF_VERSION).pdf"
	$(BIN)/actieplan odt .site-print "docs/pdf/actieplan-$(PDF_VERSION).odt"
	@rm -rf .site-print
	$(MAKE) --no-print-directory build

release: $(STAMP)
	@test -n "$(VERSION)" || { echo "Gebruik: make release VERSION=2024-06" >&2; exit 2; }
	$(BIN)/actieplan release "$(VERSION)"

# Publish one version into the local gh-pages branch (push is left to the workflow).
ALIAS ?=
publish: pdf
	@test -n "$(VERSION)" || { echo "Gebruik: make publish VERSION=2024-06 [ALIAS=latest]" >&2; exit 2; }
	$(BIN)/mike deploy --update-aliases --title "$$($(BIN)/actieplan versie-titel $(VERSION))" "$(VERSION)" $(ALIAS)
	@if [ -n "$(ALIAS)" ]; then $(BIN)/mike set-default "$(ALIAS)"; fi
	@echo "Versie $(VERSION) staat in de tak gh-pages. Bekijk alles met: $(BIN)/mike serve -a 127.0.0.1:8001"

# The benchmark: builds on generated plans of 100, 1,000 and 3,000 measures
# next to a bare Material site, times validation, a rebuild and a first visit,
# and writes bench/results.json and bench/results.md. Not part of make test.
bench: $(STAMP) browser
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf "$(SITE_DIR)" "$(SITE_DIR).new" "$(SITE_DIR).old" "$(SITE_DIR).lock" .site-print .pytest_cache .hypothesis .mypy_cache .ruff_cache
