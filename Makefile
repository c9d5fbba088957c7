# coursebot: every target installs what it needs into .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CONTENT ?= content

.PHONY: install chat test run bench lint docker-check clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,bench,lint]'
	touch $(STAMP)

install: $(STAMP)

chat: $(STAMP)
	$(BIN)/python -m bot chat --content $(CONTENT)

test: $(STAMP)
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

run: $(STAMP)
	$(BIN)/python -m bot run

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

lint: $(STAMP)
	$(BIN)/ruff check bot tests bench
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
