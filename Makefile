# The two commands a newcomer needs: `make demo` and `make test`.
# Both create .venv when it is missing and install what they need from PyPI.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= thoisu.duckdb

.PHONY: demo test install dev build lint typecheck unit eval bench clean

# Modules compiled by mypyc at install time (listed in pyproject.toml): editing one reinstalls, so a
# stale extension never shadows its source.
COMPILED := $(shell sed -n '/^\[tool.thoisu.mypyc\]/,/^]/p' pyproject.toml | grep -o 'src/[^"]*[.]py')

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Stamp files make reinstalls happen only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml setup.py $(COMPILED) | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[html,warc]'
	touch $@

$(VENV)/.dev-installed: pyproject.toml setup.py $(COMPILED) | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
dev: $(VENV)/.dev-installed
build: dev

demo: install
	$(BIN)/thoisu ingest examples/pages --db $(DB)
	$(BIN)/thoisu events --db $(DB) --limit 40

lint: dev
	$(BIN)/ruff check src tests bench setup.py
	$(BIN)/ruff format --check src tests bench setup.py

typecheck: dev
	$(BIN)/mypy

unit: dev
	$(BIN)/pytest

test: lint typecheck unit

eval: install
	$(BIN)/thoisu eval --gold examples/gold.json --input examples/pages
	@if [ -f ../shared/gold/seeds.json ]; then \
		$(BIN)/thoisu eval --gold ../shared/gold/seeds.json --input ../shared/seeds; \
	else echo "../shared/gold/seeds.json not found: seed evaluation skipped"; fi

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) $(DB) .mypy_cache .ruff_cache .pytest_cache build
	find src -name '*.so' -delete
