# make run: set up and serve the demo. make test: the whole suite (DATABASE_URL selects PostgreSQL).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export DJANGO_DEVELOPMENT ?= 1

.PHONY: run worker install migrate demo test test-fast lint format bench backup-check messages clean

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

# The worker (mail, and documents rendered ahead) runs in the background beside the server and stops
# with it (Ctrl+C or any exit); the dated documents (rosters, notices) are queued for it at start.
run: demo
	@echo "→ http://127.0.0.1:8000  (Ctrl+C로 종료; 메일 작업자도 함께 실행)"
	@$(PY) manage.py outbox_sweep -v0; \
	$(PY) manage.py render_documents -v0; \
	$(PY) manage.py db_worker --no-reload -v0 --queue-name default,documents & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

# The worker alone (production runs it as its own service; see README).
worker: migrate
	$(PY) manage.py db_worker --no-reload --queue-name default,documents

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
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=static --ignore=staticfiles --ignore=tests
	$(PY) manage.py compilemessages --ignore=.venv

bench: install
	$(PY) -m bench

backup-check: install
	$(PY) manage.py backup_check

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
