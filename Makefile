# 行政执法公示专栏: the two commands are `make build` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
OUTPUT ?= output
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: build html test serve check validate publish bench bench-data clean

$(BIN)/.requirements-installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

## build: set up .venv and build the site with its search index into output/
## (built beside output/ and swapped in only after the leak check passed)
build html: $(BIN)/.requirements-installed
	PYTHONPATH=plugins $(BIN)/python -m disclosure.commands.build --settings publishconf.py --output $(OUTPUT)

## validate: check all data and content without building (fast; a pre-commit hook)
validate: $(BIN)/.requirements-installed
	PYTHONPATH=plugins $(BIN)/python -m disclosure.commands.validate --settings publishconf.py

## publish: deploy output/ to DEPLOY_TARGET (a folder or user@host:path; default: the
## DISCLOSURE_DEPLOY_TARGET setting), deleting what the build does not have
publish: $(BIN)/.requirements-installed
	PYTHONPATH=plugins $(BIN)/python -m disclosure.commands.deploy $(OUTPUT) $(DEPLOY_TARGET) --settings publishconf.py

## test: set up .venv and run the whole test suite
test: $(BIN)/.requirements-installed
	$(BIN)/python -m pytest

## serve: preview on http://127.0.0.1:8000, rebuilding when files change
serve: $(BIN)/.requirements-installed
	$(BIN)/pelican content -s pelicanconf.py -o $(OUTPUT) --autoreload --listen --bind $(HOST) --port $(PORT)

## check: scan the built site for anything the publication gate withheld
check: $(BIN)/.requirements-installed
	PYTHONPATH=plugins $(BIN)/python -m disclosure.checks.scanner $(OUTPUT) --settings publishconf.py

## bench-data: write N synthetic decisions (and every other table) into bench-data/
N ?= 10000
bench-data: $(BIN)/.requirements-installed
	PYTHONPATH=plugins $(BIN)/python -m disclosure.testing.synthetic bench-data --decisions $(N) --seed 1

## bench: time full builds of 1,000 and 10,000 decisions beside plain Pelican; writes BENCHMARKS.md
## (BENCH_SIZES="1000 10000 100000" for the large size)
BENCH_SIZES ?= 1000 10000
BENCH_RUNS ?= 3
bench: $(BIN)/.requirements-installed
	$(BIN)/python benchmarks/bench.py --sizes $(BENCH_SIZES) --runs $(BENCH_RUNS)

clean:
	rm -rf $(OUTPUT) .pytest_cache
