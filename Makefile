# make run: set up and serve the demo. make test: the whole suite (DATABASE_URL selects PostgreSQL).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export DJANGO_DEVELOPMENT ?= 1

.PHONY: run install migrate demo test test-fast lint format bench backup-check messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: demo
	@echo "→ http://127.0.0.1:8000  (Ctrl+C로 종료)"
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(PY) manage.py compilemessages --ignore=.venv -v0
	$(PY) -m pytest -p no:cacheprovider -n 2 --dist loadfile $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=static --ignore=staticfiles
	$(PY) manage.py compilemessages --ignore=.venv

bench: install
	$(PY) -m bench

backup-check: install
	$(PY) manage.py backup_check

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
