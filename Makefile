# Dialoog: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help run test lint format bench setup setup-test system-packages system-packages-test system-packages-bench assets messages serve

help:
	@echo "make run    install, migrate, seed the demo and serve http://$(HOST):$(PORT) with a worker and beat"
	@echo "make test   install what the tests need (Chromium included) and run the whole suite"
	@echo "make lint   ruff check, ruff format --check, import-linter (the layers) and makemigrations --check"
	@echo "make bench  run the benchmarks against PostgreSQL"

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@scripts/serve.sh $(HOST) $(PORT)

test: setup-test
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run

format: setup-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: setup-test system-packages-bench
	$(PY) -m bench $(BENCH_ARGS)

setup: system-packages $(VENV)/.installed-base assets messages

setup-test: system-packages-test $(VENV)/.installed-test assets messages

system-packages:
	@scripts/system-packages.sh base

system-packages-test:
	@scripts/system-packages.sh test

system-packages-bench:
	@scripts/system-packages.sh bench

$(VENV)/bin/python:
	@scripts/check-python.sh
	$$(scripts/check-python.sh --print) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed-base: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet -e '.[test]'
	@touch $(VENV)/.installed-base $@

assets: static/vendor/.installed

static/vendor/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 18+ with npm (Debian: apt-get install nodejs npm), then run make again." >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor/utrecht static/vendor/axe
	cp node_modules/@utrecht/component-library-css/dist/index.css static/vendor/utrecht/component-library.css
	cp node_modules/@utrecht/design-tokens/dist/theme.css static/vendor/utrecht/theme.css
	cp node_modules/axe-core/axe.min.js static/vendor/axe/axe.min.js
	@touch $@

messages: $(VENV)/.installed-base
	@command -v msgfmt >/dev/null || { echo "msgfmt is missing: install gettext (Debian: apt-get install gettext), then run make again." >&2; exit 1; }
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0
