# Two commands set everything up on a fresh machine:
#   make serve   the site on http://127.0.0.1:8000 with live reload
#   make test    the whole test suite
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install serve build validate test browser bench clean

help:
	@echo "make serve     site bouwen en tonen op http://127.0.0.1:8000 (ververst bij elke wijziging)"
	@echo "make test      alle tests draaien (installeert zelf wat nodig is)"
	@echo "make build     de site streng bouwen in site/"
	@echo "make validate  alleen de gegevens in data/ controleren"
	@echo "make bench     meten hoe snel de site bouwt en laadt (een paar minuten; schrijft bench/results.*)"

# The virtualenv with exact pins; rebuilt when the pins change.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip==25.3
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
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
	@rm -rf .site-new
	$(BIN)/mkdocs build --strict --site-dir .site-new
	@rm -rf .site-old; if [ -d site ]; then mv site .site-old; fi; mv .site-new site; rm -rf .site-old
	@echo "De site staat in site/."

# Debian's chromium for the browser tests; installed only when missing and
# when we may (root). Never a browser download by Playwright.
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Chromium installeren met apt-get..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "Let op: chromium ontbreekt en kan niet worden geïnstalleerd (geen root); de browsertests worden overgeslagen."; \
	fi

test: $(STAMP) browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The benchmark: builds on generated plans of 100, 1,000 and 3,000 measures
# next to a bare Material site, times validation, a rebuild and a first visit,
# and writes bench/results.json and bench/results.md. Not part of make test.
bench: $(STAMP) browser
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf site .site-new .site-old .pytest_cache .hypothesis
