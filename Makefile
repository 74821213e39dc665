# Two commands on a fresh machine: `make serve` and `make test`. Both create .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Re-install only when the pinned requirements change.
STAMP  := $(VENV)/.requirements-installed

export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build bench clean

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

test: $(STAMP)
	$(BIN)/mkdocs build --strict --quiet --site-dir "$$(mktemp -d)"
	$(BIN)/python -m pytest

# Build-time cost of the glossary and of all hooks (prints timings; not part of `make test`).
bench: $(STAMP)
	$(BIN)/python tests/bench/bench_build.py

clean:
	rm -rf $(VENV) site .pytest_cache
