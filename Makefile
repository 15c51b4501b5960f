# Quick start: `make run`, then `make test`. Nothing else is needed but Python 3.11+ and make.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LEDGER := $(BIN)/ledger

.PHONY: run test browser screenshot lint format clean bench bench-quick

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "ledger needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(LEDGER) init
	$(LEDGER) load data/istanbul-2025
	$(LEDGER) load data/gaza-2025
	$(LEDGER) report fulfilment --process istanbul-2025
	$(LEDGER) report fulfilment --process gaza-2025
	$(LEDGER) check
	$(LEDGER) report workbook -o istanbul-2025.xlsx
	$(LEDGER) report page -o ledger.html

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest

# The report page's browser tests drive Debian's Chromium (never a browser Playwright downloads); `make test`
# skips them where it is missing, CI (.ci/run) installs it first. Needs root or sudo, and Debian's packages.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	    sudo=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q chromium \
	    || { $$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q chromium; }; }
	@chromium --version 2>/dev/null

# The README's picture of the report page (docs/page.png), drawn in that Chromium.
screenshot: $(VENV)/.test-installed browser
	$(BIN)/python tests/chromium.py docs/page.png

# Benchmarks against raw baselines (bench/run.py); results in bench/results.md.
bench: $(VENV)/.test-installed
	$(BIN)/python bench/run.py

bench-quick: $(VENV)/.test-installed
	$(BIN)/python bench/run.py --scale 0.1

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) ledger.db ledger.db-wal ledger.db-shm istanbul-2025.xlsx ledger.html *.egg-info build dist
