# Marsad: `make run` sets up .venv, ingests the bundled sample articles and serves the UI;
# `make test` installs the dev extras and runs ruff, mypy and pytest.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DB ?= marsad.db
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install dev lint typecheck pytest bench summary clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

dev: $(VENV)/.dev

run: $(VENV)/.installed
	$(BIN)/marsad ingest examples/articles --db $(DB)
	$(BIN)/marsad vectors --db $(DB) --no-progress
	@echo "Serving Marsad at http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/marsad serve --db $(DB) --host $(HOST) --port $(PORT)

summary: $(VENV)/.installed
	$(BIN)/python -m marsad.summary examples/articles

lint: $(VENV)/.dev
	$(BIN)/ruff check marsad tests bench tools examples

typecheck: $(VENV)/.dev
	$(BIN)/mypy marsad

pytest: $(VENV)/.dev
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: $(VENV)/.installed
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
