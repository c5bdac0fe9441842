# crmgraph — two commands: `make run` and `make test`. Everything else is set up by them.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test setup neo4j db-init demo serve stop clean bench-s

## run: set up everything (venv, deps, local Neo4j, schema, demo data) and serve the API on 127.0.0.1:5000
run: setup neo4j db-init demo serve

## test: set up the same and run the whole suite against a real Neo4j
test: setup
	$(BIN)/pytest -q $(PYTEST_ARGS)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

neo4j: setup
	$(BIN)/crmgraph db start

db-init: neo4j
	$(BIN)/crmgraph db init

demo: db-init
	$(BIN)/crmgraph demo

serve:
	$(BIN)/crmgraph serve --host 127.0.0.1 --port 5000

stop:
	-$(BIN)/crmgraph db stop

bench-s: setup neo4j
	$(BIN)/crmgraph bench all --size S

clean: stop
	rm -rf $(VENV) .neo4j/home
