# Two commands on a fresh machine: `make run` and `make test`. Both set up .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STAMP_TEST := $(VENV)/.installed-test
STAMP_BENCH := $(VENV)/.installed-bench
DB ?= claims.db

.PHONY: run test test-stress bench lint format clean venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e . --group test
	touch $@

$(STAMP_BENCH): pyproject.toml $(STAMP_TEST)
	$(BIN)/python -m pip install --quiet -e . --group bench
	touch $@

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/workbench --db $(DB) demo

test: $(STAMP_TEST)
	$(BIN)/ruff check workbench tests bench
	$(BIN)/ruff format --check workbench tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

test-stress: $(STAMP_TEST)
	$(BIN)/python -m pytest -q -m stress

bench: $(STAMP_BENCH)
	@for script in bench/*.py; do \
		case $$script in bench/train_*|bench/_*) continue;; esac; \
		echo "== $$script"; $(BIN)/python $$script || exit 1; \
	done

lint: $(STAMP_TEST)
	$(BIN)/ruff check workbench tests bench
	$(BIN)/mypy

format: $(STAMP_TEST)
	$(BIN)/ruff format workbench tests bench
	$(BIN)/ruff check --fix workbench tests bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist *.egg-info
