# Culture Room: `make run` serves a room, `make test` checks everything.
PORT ?= 8000
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# The scaled-out tests run against real PostgreSQL and Redis; these defaults fit a dev machine.
TEST_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/culture_room)
TEST_REDIS_URL ?= $(or $(REDIS_URL),redis://127.0.0.1:6379/0)
# Scaled out, the app refuses a generated key: the scaled-out tests get one of their own.
TEST_SECRET_KEY ?= $(or $(SECRET_KEY),$(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))'))

.PHONY: install run serve migrate lint format messages screenshots test test-fast test-scaled bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput

run: migrate
	@$(BIN)/python manage.py seed_demo --port $(PORT)
	$(BIN)/daphne -b 0.0.0.0 -p $(PORT) config.asgi:application

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The Dutch catalogue: gather new texts into locale/nl (fill every msgstr), then compile the
# .mo that is committed beside it (as Django does), so `make run` needs no gettext tools.
MESSAGES_IGNORE := -i .venv -i bench -i tests -i test-results -i var -i media -i staticfiles
messages: install
	$(BIN)/python manage.py makemessages -l nl --no-location --no-obsolete $(MESSAGES_IGNORE)
	$(BIN)/python manage.py compilemessages $(MESSAGES_IGNORE)

# The README's screenshots, taken from the running app in Chromium (tests/browser).
screenshots: install
	env -u DATABASE_URL -u REDIS_URL README_SCREENSHOTS=$(CURDIR)/docs/screenshots \
		$(BIN)/pytest -q -p no:cacheprovider tests/browser/test_readme_screenshots.py

# The default path (SQLite, in-memory layer), browser tests included; then the scaled-out path.
# DB_CONN_MAX_AGE=0: no connection outlives its request, so the test databases can be dropped.
test: lint
	env -u DATABASE_URL -u REDIS_URL DB_CONN_MAX_AGE=0 $(BIN)/pytest -m "not scaled"
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) SECRET_KEY=$(TEST_SECRET_KEY) \
		DB_CONN_MAX_AGE=0 $(BIN)/pytest -m scaled

test-scaled: install
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) SECRET_KEY=$(TEST_SECRET_KEY) \
		DB_CONN_MAX_AGE=0 $(BIN)/pytest -m scaled

test-fast: install
	env -u DATABASE_URL -u REDIS_URL $(BIN)/pytest -m "not scaled and not browser"

# The measuring harness (docs/benchmarks.md); not part of `make test`.
# `make bench` runs every scenario with 500 phones; `make bench SCENARIO=fan_out BENCH_N=100`.
# scaled_out uses its own database (culture_room_bench) and Redis database (13) on these servers.
SCENARIO ?= all
BENCH_N ?= 500

$(VENV)/.bench-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

bench: $(VENV)/.bench-installed
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) SECRET_KEY=$(TEST_SECRET_KEY) \
		BENCH_N=$(BENCH_N) \
		$(BIN)/python -m bench $(SCENARIO)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache var test-results
