# Two commands for a fresh clone: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test serve export check bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)  ## set up and build site/ from content/
	$(BIN)/mkdocs build

test: $(STAMP)  ## set up and run the whole test suite
	$(BIN)/pytest -q

serve: $(STAMP)  ## live preview; reloads on changes to content/ and templates/
	$(BIN)/mkdocs serve --dirty

export: $(STAMP)  ## write the generated Markdown tree to build/markdown
	$(BIN)/digest export build/markdown

check: $(STAMP)  ## validate content/ without building (exit 1 on problems)
	$(BIN)/digest check

bench: $(STAMP)  ## speed and memory against a plain mkdocs build
	$(BIN)/python bench/build.py --articles 1000,3000

clean:
	rm -rf site build .pytest_cache
