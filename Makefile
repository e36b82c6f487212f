# Thi đua An Hải - the two commands are `make run` and `make test` (see README.md).
# Everything else here is a step they call; every step is skipped when it is already done,
# so a second run starts in seconds.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
PORT   ?= 8000

# Debian packages: WeasyPrint's libraries, fonts with Vietnamese glyphs, gettext for the
# translations, node/npm for the front-end assets (fetched from the npm registry, served locally).
# A machine that already has npm (e.g. NodeSource's nodejs, which bundles it and conflicts with
# Debian's npm) keeps its own.
NODE_PKGS := $(if $(shell command -v npm 2>/dev/null),,nodejs npm)
APT_RUN  := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 fonts-noto-core \
            fontconfig gettext shared-mime-info $(NODE_PKGS)
# ...and for the tests: the browser (Playwright drives Debian's chromium; its bundled node driver
# needs libatomic1), pdftotext, and SoftHSM v2 (a PKCS#11 token for the agency-signature test).
APT_TEST := $(APT_RUN) chromium poppler-utils libatomic1 softhsm2

export DJANGO_SETTINGS_MODULE := anhai_thidua.settings
# make is the development tool (production runs the container with its own environment): its steps run in
# development and demo mode unless the environment says otherwise. The settings themselves default to
# production (DEBUG off) and refuse to start without SECRET_KEY, ALLOWED_HOSTS and a public SITE_URL.
export DEBUG ?= true
export DEMO ?= true
export PIP_NO_INPUT := 1
export PIP_PROGRESS_BAR := off

.PHONY: help run test setup setup-test system system-test deps deps-test assets messages migrate seed \
        lint clean lock upgrade bandit

help:
	@echo "make run   - install what is missing, migrate, seed the An Hải demo, serve http://127.0.0.1:$(PORT)"
	@echo "             with a Celery worker and beat (Ctrl-C stops all of them)"
	@echo "make test  - install what the tests need and run the whole suite"
	@echo "make lock  - recompute requirements.lock and requirements-test.lock from pyproject.toml (keeps the"
	@echo "             current pins where they still fit; make upgrade moves every package to its newest release)"
	@echo "other steps: setup setup-test system system-test deps deps-test assets messages migrate seed lint bandit clean"

## ---- the two commands -------------------------------------------------------------------------

run: setup
	@exec scripts/run.sh

# The fault tests (marked `faults`) stop and start nothing but their own sockets; they need the real
# PostgreSQL and Redis that .ci/run starts, so they run when CI=true and are deselected elsewhere.
PYTEST_MARKS := $(if $(filter true 1 yes,$(CI)),,-m "not faults")
# The layer contract (pyproject.toml [tool.importlinter]) and bandit run first, then the suite with branch
# coverage of the apps; the total is printed and the run fails under COV_FLOOR. Measured 92.3 % (branch) on
# 2 Dec 2026 with `bash .ci/run` (PostgreSQL, Redis, fault tests); SQLite skips the PostgreSQL-only paths.
# Running a part of the suite (PYTEST_ARGS=tests/x): pass COV= to leave coverage out.
COV_FLOOR ?= 85
COV ?= --cov --cov-branch --cov-report=term:skip-covered --cov-fail-under=$(COV_FLOOR)

test: setup-test bandit
	@mkdir -p var
	$(VENV)/bin/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=tests.settings DJANGO_ALLOW_ASYNC_UNSAFE=true $(VENV)/bin/pytest -p no:cacheprovider $(PYTEST_MARKS) $(COV) $(PYTEST_ARGS)

# Static security checks of our code (configuration in pyproject.toml, [tool.bandit]); fails on high severity.
bandit: deps-test
	$(VENV)/bin/bandit -q -c pyproject.toml -r . --severity-level high

## ---- steps ------------------------------------------------------------------------------------

setup: system deps assets messages
setup-test: system-test deps-test assets messages

system:
	@scripts/apt-ensure.sh $(APT_RUN)

system-test:
	@scripts/apt-ensure.sh $(APT_TEST)

deps: $(VENV)/.installed
deps-test: $(VENV)/.installed-test

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Exact versions with hashes from the lock files, then the project itself without resolving anything.
$(VENV)/.installed: requirements.lock pyproject.toml | $(VENV)/bin/python
	$(PIP) install -q --require-hashes -r requirements.lock
	$(PIP) install -q --no-deps -e .
	@touch $@

$(VENV)/.installed-test: requirements-test.lock pyproject.toml | $(VENV)/bin/python
	$(PIP) install -q --require-hashes -r requirements-test.lock
	$(PIP) install -q --no-deps -e .
	@touch $@ $(VENV)/.installed

# The lock files: Python 3.11 on Linux, from PyPI only (whatever the local pip or uv configuration says).
UV_COMPILE := UV_NO_CONFIG=1 $(VENV)/bin/uv pip compile pyproject.toml --python-version 3.11 \
              --python-platform linux --index-url https://pypi.org/simple --generate-hashes --quiet

lock: deps-test
	$(UV_COMPILE) $(LOCK_ARGS) -o requirements.lock
	$(UV_COMPILE) $(LOCK_ARGS) --extra test -o requirements-test.lock

upgrade:
	$(MAKE) lock LOCK_ARGS=--upgrade

assets: static/vendor/.installed

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

static/vendor/.installed: node_modules/.package-lock.json scripts/vendor-assets.sh
	sh scripts/vendor-assets.sh
	@touch $@

# Compiles locale/*/LC_MESSAGES/*.po into .mo (only the project's own; nothing to do without .po files).
messages: deps
	@if find locale -name '*.po' 2>/dev/null | grep -q .; then \
	  $(PY) manage.py compilemessages --verbosity 0 --ignore .venv --ignore node_modules --ignore var --ignore .git; \
	else echo "messages: no .po files under locale/, nothing to compile"; fi

migrate: deps
	@mkdir -p var
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_anhai

lint: deps-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) node_modules static/vendor var/staticfiles

## ---- benchmarks (docs/benchmarks.md) ---------------------------------------------------------------
# BENCH_SCALE picks the data:
#   sizes (default): page timings on SQLite at the demo size and at the large size (60 units, 1,500 officials),
#     each in its own file under var/bench/ (never var/db.sqlite3); built once (rm -rf var/bench to rebuild).
#   city: issue 13's table on PostgreSQL (BENCH_CITY_URL, a database named anhai_bench*): 2,000 units,
#     30,000 officials, 20,000 dossiers, 100,000 nominees (generate.py --city, ~12 min, built once; drop the
#     database to rebuild); then every page against the floor through gunicorn (2 workers, 3 passes) and at
#     20 connections, EXPLAIN of every page's queries, one reminder tick, the documents.
# BENCH_ARGS goes to benchmarks/pages.py, e.g. BENCH_ARGS="--requests 10 --http 8765".
# BENCH_CITY_PAGES bounds the city page run (3-4 min here): 10 requests a pass, 20 connections for at most
# 200 requests or 15 s a page. BENCH_REDIS_URL (e.g. redis://127.0.0.1:6379/15, a database of its own): the
# page run's caches and sessions in Redis, shared by the workers as in production (docs/benchmarks.md's
# final table); empty: in each worker's memory.
BENCH_SCALE      ?= sizes
BENCH_REDIS_URL  ?=
BENCH_CITY_URL   ?= postgres://postgres@127.0.0.1:5432/anhai_bench_city
BENCH_CITY_PAGES ?= --floor 0 --requests 10 --concurrent 20 --concurrent-seconds 15
.PHONY: bench
bench: deps
	@mkdir -p var/bench
ifeq ($(BENCH_SCALE),city)
	@DATABASE_URL=$(BENCH_CITY_URL) $(PY) -c "import sys; sys.path.insert(0, '.'); from benchmarks import bootstrap; bootstrap.setup(); from nominations.models import Dossier; sys.exit(0 if Dossier.objects.count() >= 20000 else 1)" 2>/dev/null \
	  || DATABASE_URL=$(BENCH_CITY_URL) $(PY) benchmarks/generate.py --reset --city
	DATABASE_URL=$(BENCH_CITY_URL) $(PY) manage.py migrate --noinput --settings benchmarks.settings -v 0
	@echo "load average: $$(cat /proc/loadavg)"; date -u
	REDIS_URL=$(BENCH_REDIS_URL) DATABASE_URL=$(BENCH_CITY_URL) $(PY) benchmarks/pages.py $(BENCH_CITY_PAGES) --json var/bench/city-pages.json $(BENCH_ARGS)
	@echo "load average: $$(cat /proc/loadavg)"; date -u
	DATABASE_URL=$(BENCH_CITY_URL) $(PY) benchmarks/explain.py --analyze
	DATABASE_URL=$(BENCH_CITY_URL) $(PY) benchmarks/reminders.py
	DATABASE_URL=$(BENCH_CITY_URL) $(PY) benchmarks/documents.py
	@echo "load average: $$(cat /proc/loadavg)"; date -u
else
	@test -f var/bench/demo.sqlite3 || DATABASE_URL= $(PY) benchmarks/generate.py --demo --sqlite var/bench/demo.sqlite3
	@test -f var/bench/large.sqlite3 || DATABASE_URL= $(PY) benchmarks/generate.py --sqlite var/bench/large.sqlite3
	DATABASE_URL= $(PY) benchmarks/pages.py --sqlite var/bench/demo.sqlite3 $(BENCH_ARGS)
	DATABASE_URL= $(PY) benchmarks/pages.py --sqlite var/bench/large.sqlite3 $(BENCH_ARGS)
endif
