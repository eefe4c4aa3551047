# argmap: `make demo` sets everything up and runs the main job; `make test` sets up and tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MAP := arguments/llama-3.1-open-source
OUT := out

.PHONY: setup setup-test demo test lint format bench clean

setup:
	@PYTHON=$(PYTHON) VENV=$(VENV) bash scripts/setup.sh

setup-test:
	@PYTHON=$(PYTHON) VENV=$(VENV) bash scripts/setup.sh --test

demo: setup
	@mkdir -p $(OUT)
	$(BIN)/argmap validate $(MAP)
	$(BIN)/argmap stats $(MAP) --lang en
	$(BIN)/argmap render $(MAP) -o $(OUT)/llama-3.1-ja.svg --force
	$(BIN)/argmap render $(MAP) --lang en -o $(OUT)/llama-3.1-en.png --force
	$(BIN)/argmap render $(MAP) --lang en --focus zuck-path-forward --depth 2 \
		-o $(OUT)/focus-en.png --force
	$(BIN)/argmap html $(MAP) -o $(OUT)/llama-3.1.html --force
	$(BIN)/argmap supporters $(MAP) zuck-path-forward --lang en
	$(BIN)/argmap opposers $(MAP) zuck-path-forward --all --lang en
	$(BIN)/argmap evaluate $(MAP) --lang en --format text
	@echo "pictures and the page are in $(OUT)/"

test: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

format: setup-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup-test
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache build *.egg-info
