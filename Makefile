# coop-kg — everything a fresh machine needs is installed from here.
VENV   ?= .venv
PYTHON ?= python3
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: install demo test lint bench clean browser

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,server]'
	touch $(STAMP)

# Headless Chromium for the HTML diagram's test (Debian packages; no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing: run 'sudo apt-get install chromium' (the HTML page test will be skipped)"; fi; }

demo: install
	$(BIN)/kg build data/articles
	@for q in agreements partners people-roles events units timeline stats; do \
	  echo; echo "== kg query $$q"; $(BIN)/kg query $$q || exit 1; done
	mkdir -p out
	$(BIN)/kg export --format turtle -o out/graph.ttl
	$(BIN)/kg viz --format svg -o out/partners.svg
	$(BIN)/kg viz --format html -o out/partners.html
	$(BIN)/kg viz timeline --format svg -o out/timeline.svg
	@echo; echo "Wrote out/graph.ttl, out/partners.svg, out/partners.html, out/timeline.svg"

lint: install
	$(BIN)/ruff check kg tests benchmarks

test: install browser
	$(BIN)/ruff check kg tests
	$(BIN)/pytest

bench: install
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf .kg out .pytest_cache
