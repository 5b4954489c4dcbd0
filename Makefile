# Self-explaining verbs; the README's two set-up commands are `make run` and `make test`.
VENV := .venv/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test lint bench demo worker serve wheel wheel-smoke backup

# Debugging is off unless asked for; the development verbs ask (production: see README, Production).
run demo worker: export KECHUANG_DEBUG ?= true

run:  ## install, load the demo data and seed policies, serve on http://127.0.0.1:8000
	scripts/setup
	$(VENV)/kechuang demo
	mkdir -p var; $(VENV)/kechuang worker & echo $$! > var/worker.pid; \
	trap 'kill $$(cat var/worker.pid) 2>/dev/null' EXIT INT TERM; \
	$(VENV)/kechuang runserver $(HOST)

test:  ## install the test tools and run the whole suite (add DATABASE_URL=… for PostgreSQL)
	scripts/setup --test
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/pytest

lint:
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .

bench:  ## every benchmark; figures print and land in bench/results/*.json
	scripts/setup --test
	$(VENV)/python -m bench

demo:
	$(VENV)/kechuang demo

worker:  ## a background task worker (database or RQ backend, by KECHUANG_TASK_BACKEND); start any number
	$(VENV)/kechuang worker

serve:  ## the production web server: gunicorn with KECHUANG_BIND, KECHUANG_WEB_WORKERS, KECHUANG_WEB_THREADS
	$(VENV)/kechuang serve

wheel:  ## dist/kechuang-*.whl with the front-end assets, the region table and the seed policies inside
	$(VENV)/python -m build --outdir dist

wheel-smoke:  ## build the wheel, install it offline into a fresh venv, run the demo and walk every page
	.ci/wheel-smoke

backup:  ## the database and uploaded files into $(KECHUANG_DATA_DIR)/backups/
	$(VENV)/kechuang backup
