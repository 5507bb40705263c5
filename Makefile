# The two commands of the README: `make run` (embedded default) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run up bench test lint format worker system-deps services clean backup restore

$(BIN)/python:
	scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt bench/requirements.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# `make run` behaves like the product, not like a debugger: DEBUG off (Dutch error pages), a secret key made once
# for this machine, static files collected and served by WhiteNoise. `make run DEBUG=1` for Django's debug pages.
DEBUG ?= 0
RUN_ENV = DEBUG=$(DEBUG) SECRET_KEY="$$(cat .secret_key)" ALLOWED_HOSTS=$(HOST),localhost HTTPS=0 \
	SITE_URL=http://$(HOST):$(PORT)

.secret_key:
	umask 077; $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

run: $(VENV)/.installed .secret_key
	$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(BIN)/python manage.py demo --force
	@echo "De applicatie draait op http://$(HOST):$(PORT)/ (stoppen met Ctrl-C)."
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The browser tests need Chromium: installed here where missing (as root or with sudo).
# `make up`: the full stack on this machine, as in production: PostgreSQL and Redis (started, or installed where
# missing), migrations, then gunicorn, a Celery worker and Celery beat through honcho (Procfile), their logs
# together; Ctrl-C stops all three. Same demo data and log-in as `make run`.
UP_DATABASE_URL ?= postgres://invoeringstoets:invoeringstoets@127.0.0.1:5432/invoeringstoets
UP_BROKER_URL ?= redis://127.0.0.1:6379/0
UP_ENV = $(RUN_ENV) DATABASE_URL=$(UP_DATABASE_URL) CELERY_BROKER_URL=$(UP_BROKER_URL) HOST=$(HOST) PORT=$(PORT)

up: $(VENV)/.installed .secret_key
	scripts/services.sh
	$(UP_ENV) $(BIN)/python manage.py migrate --noinput
	$(UP_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(UP_ENV) $(BIN)/python manage.py demo --force
	@echo "De volledige stack draait op http://$(HOST):$(PORT)/ (stoppen met Ctrl-C)."
	$(UP_ENV) $(BIN)/honcho start -f Procfile

# `make backup`: the database and every stored file of one moment in backups/ (BACKUP_DIR), for the database of the
# environment (DATABASE_URL, else the embedded SQLite file). `make restore BACKUP=backups/....tar.gz` puts one back
# into an empty database (add VERVANG=1 to replace what is there). See the README, "Back-up en herstel".
BACKUP_DIR ?= backups
backup: $(VENV)/.installed
	$(BIN)/python manage.py backup --map $(BACKUP_DIR)

restore: $(VENV)/.installed
	@test -n "$(BACKUP)" || { echo "Gebruik: make restore BACKUP=backups/invoeringstoets-....tar.gz [VERVANG=1]"; exit 2; }
	$(BIN)/python manage.py restore $(BACKUP) $(if $(VERVANG),--vervang)
	$(BIN)/python manage.py migrate --noinput  # a backup of an older version gets the newer tables

# `make bench`: the benchmark on PostgreSQL and Redis (a database of its own), results in bench/results.md.
# BENCH_ARGS passes options, e.g. `make bench BENCH_ARGS="--dossiers 1000"` (see bench/run.py).
bench: $(VENV)/.installed-dev
	scripts/services.sh
	$(BIN)/python -m bench.run $(BENCH_ARGS)

test: $(VENV)/.installed-dev
	scripts/system-deps.sh test
	$(BIN)/pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# A Celery worker for the full stack (needs CELERY_BROKER_URL; see the README).
worker: $(VENV)/.installed
	$(BIN)/celery -A invoeringstoets worker --loglevel=info --concurrency=2 --queues=celery,rapporten

system-deps:
	scripts/system-deps.sh

services:
	scripts/services.sh

clean:
	rm -rf $(VENV) staticfiles .pytest_cache test-db.sqlite3
