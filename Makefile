# Two commands from a fresh clone: `make run` (set up, build the index, answer a sample question)
# and `make test` (set up, run the tests). Everything installs into .venv; torch is the CPU build.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN = $(VENV)/bin
SAMPLE ?= Can I criticise the state government's new transfer policy on my Facebook page?

.PHONY: setup run test lint bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[test,lint]"
	touch $@

run: setup
	$(BIN)/niyam index build
	$(BIN)/niyam ask "$(SAMPLE)"

test: setup
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: setup
	$(BIN)/pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .niyam
