# Suishin: every install and check goes through these targets.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install run test test-fast lint format bench messages clean chromium

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/suishin migrate --noinput
	$(BIN)/suishin collectstatic --noinput --verbosity 0
	$(BIN)/suishin demo
	$(BIN)/suishin serve

# The whole suite: unit, integration, and the browser tests when Chromium is present.
test: install
	$(BIN)/pytest $(PYTEST_ARGS)

# Everything but the browser tests (used for the second database pass in CI).
test-fast: install
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check suishin
	$(BIN)/ruff format --check suishin
	$(BIN)/mypy suishin
	$(BIN)/lint-imports
	$(BIN)/suishin makemigrations --check --dry-run
	$(BIN)/suishin i18n check
	SUISHIN_ENV=production SUISHIN_SECRET_KEY=ci-check-only-$$(date +%s)-0123456789abcdefghijklmnopqrstuvwxyz \
	  SUISHIN_AUDIT_CHECKPOINT_KEY=ci-check-only-audit-key-0123456789 \
	  SUISHIN_ALLOWED_HOSTS=suishin.example.internal $(BIN)/suishin check --deploy --fail-level WARNING

format: install
	$(BIN)/ruff format suishin
	$(BIN)/ruff check --fix suishin

# Recompile the translation catalogues after editing locale/*/LC_MESSAGES/django.po.
messages: install
	$(BIN)/suishin i18n compile

# Search quality and speed (read the benchmark data from ../shared/data; see docs/benchmarks.md),
# masking, the desk and the initiatives; BENCH_DATABASE_URL=postgres://… runs the desk's and the
# initiatives' benchmarks on PostgreSQL.
bench: install
	$(BIN)/suishin eval localgovfaq --data ../shared/data/localgovfaq
	$(BIN)/suishin eval jsquad --data ../shared/data/jsquad --system bm25,hybrid,trigram
	$(BIN)/suishin bench search --docs $(or $(DOCS),100000)
	$(BIN)/suishin eval masking
	$(if $(BENCH_DATABASE_URL),DATABASE_URL=$(BENCH_DATABASE_URL)) $(BIN)/suishin bench desk \
	  --inquiries $(or $(INQUIRIES),100000) --messages $(or $(MESSAGES),500000)
	$(if $(BENCH_DATABASE_URL),DATABASE_URL=$(BENCH_DATABASE_URL)) $(BIN)/suishin bench initiatives

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .hypothesis

# Debian's Chromium for the browser tests (needs root; `make test` skips them, saying so, without it).
chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
