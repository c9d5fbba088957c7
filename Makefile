# coursebot: every target installs what it needs into .venv first, and only that: the product's
# dependencies for chat and run; the test, bench or lint extras on top for those targets.
# Each set has its own stamp, redone when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONTENT ?= content
PYTEST_ARGS ?=

PRODUCT := $(VENV)/.installed-product
TESTS := $(VENV)/.installed-test
BENCH := $(VENV)/.installed-bench
LINT := $(VENV)/.installed-lint

.PHONY: install chat test run bench lint docker-check clean

$(PRODUCT): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# An extra on top of the product: pip keeps what is installed and adds the extra's packages.
$(VENV)/.installed-%: $(PRODUCT)
	$(BIN)/python -m pip install --quiet -e '.[$*]'
	touch $@

# Everything a developer needs: the product and every extra.
install: $(PRODUCT) $(TESTS) $(BENCH) $(LINT)

chat: $(PRODUCT)
	$(BIN)/python -m bot chat --content $(CONTENT)

run: $(PRODUCT)
	$(BIN)/python -m bot run

test: $(TESTS)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

bench: $(BENCH)
	$(BIN)/python bench/run_all.py

lint: $(LINT)
	$(BIN)/ruff check bot tests bench
	$(BIN)/lint-imports
	$(BIN)/hadolint Dockerfile

# Builds the image and checks it answers a question, runs as a non-root user, and that its
# default command (run) without a token says so and exits 2.
docker-check:
	docker build -t coursebot:check .
	docker run --rm coursebot:check python -m bot ask "image vs conteneur ?"
	test "$$(docker run --rm coursebot:check id -u)" != 0
	status=0; docker run --rm coursebot:check || status=$$?; test $$status -eq 2

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
