# Two commands on a fresh machine: `make serve` and `make test`. Both create .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Re-install only when the pinned requirements change: serving needs requirements.txt,
# testing adds requirements-dev.txt (pytest, Playwright, LinkChecker for external links, ruff, mypy).
STAMP     := $(VENV)/.requirements-installed
DEV_STAMP := $(VENV)/.dev-requirements-installed
# The same site on two more builders (`make builders`, tests/test_builders.py), each in its own
# venv: ProperDocs, the maintained fork of MkDocs 1.6, and Zensical, which must not share
# MkDocs' packages. Names as in studyguide/crossbuild.py.
PROPERDOCS_VENV  := .venv-properdocs
ZENSICAL_VENV    := .venv-zensical
PROPERDOCS_STAMP := $(PROPERDOCS_VENV)/.requirements-installed
ZENSICAL_STAMP   := $(ZENSICAL_VENV)/.requirements-installed

export NO_MKDOCS_2_WARNING := 1
# Strict builds are never --quiet: MkDocs 1.6 then drops warnings before --strict counts them,
# and a build with warnings passes.

.PHONY: serve test build builders bench clean lint-urls linkcheck linkcheck-external issue-forms generate

# Mirrors tests/browser/browser_support.py: $CHROMIUM, else chromium on PATH.
CHROMIUM_CHECK := test -n "$$CHROMIUM" || command -v chromium >/dev/null || command -v chromium-browser >/dev/null

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(DEV_STAMP): requirements-dev.txt $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

$(PROPERDOCS_STAMP): requirements-properdocs.txt requirements.txt pyproject.toml
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-properdocs.txt
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(ZENSICAL_STAMP): requirements-zensical.txt pyproject.toml
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Nothing partial: build into a fresh directory beside site/ (same filesystem, so the final
# rename is atomic) and replace site/ only when the build succeeds; a failed build leaves
# the previous site/ as it was and its own output nowhere.
build: $(STAMP)
	tmp="$$(mktemp -d .site-build.XXXXXX)" && trap 'rm -rf "$$tmp"' EXIT && \
	$(BIN)/mkdocs build --strict --site-dir "$$tmp/site" && \
	rm -rf "$$tmp/old" && { [ ! -e site ] || mv site "$$tmp/old"; } && mv "$$tmp/site" site

# The builder venvs are made here so that tests/test_builders.py can build with all three.
test: $(DEV_STAMP) $(PROPERDOCS_STAMP) $(ZENSICAL_STAMP)
	$(BIN)/ruff check --quiet .
	$(BIN)/mypy
	site="$$(mktemp -d)" && trap 'rm -rf "$$site"' EXIT && \
	$(BIN)/mkdocs build --strict --site-dir "$$site"
	@$(CHROMIUM_CHECK) || echo "NOTE: no Chromium found, so the browser tests (tests/browser) will be" \
	  "skipped. To run them: apt-get install chromium, or set CHROMIUM=/path/to/chromium." \
	  "With CI=true a missing Chromium fails the run."
	$(BIN)/python -m pytest

# The real site built with MkDocs, ProperDocs and Zensical: every page's <article> the same, no
# marker left, feed.xml and the study JSON byte-identical (prints each build's time).
builders: $(STAMP) $(PROPERDOCS_STAMP) $(ZENSICAL_STAMP)
	$(BIN)/python -m studyguide.crossbuild

# Offline check of every external URL in data/ (pages are linted as they are built, by studyguide.extension).
lint-urls: $(STAMP)
	$(BIN)/python -m studyguide.urllint

# Internal links, assets and #anchors of the built site, read in-process with lxml (no server, no
# LinkChecker); a planted canary proves it checks pages and anchors. tests/test_links.py runs it in `make test`.
linkcheck: $(STAMP)
	site="$$(mktemp -d)" && trap 'rm -rf "$$site"' EXIT && \
	$(BIN)/mkdocs build --strict --site-dir "$$site" && \
	$(BIN)/python -m studyguide.sitecheck internal "$$site"

# Every external link, live, with LinkChecker (needs internet; weekly in CI, never part of `make test`).
# Exit 1: dead links (reported); 2: the check itself failed, e.g. its canary went unreported.
linkcheck-external: $(DEV_STAMP)
	site="$$(mktemp -d)" && trap 'rm -rf "$$site"' EXIT && \
	$(BIN)/mkdocs build --strict --site-dir "$$site" && \
	$(BIN)/python -m studyguide.sitecheck external "$$site" --report reports/linkcheck-external.csv

# The files that are not pages (docs/feed.xml, docs/javascripts/study-outline.json, the theme
# partials for the banner and feed link), from data/ and mkdocs.yml; only changed files are written.
# `mkdocs build` and `mkdocs serve` run it themselves; other builders (Zensical) need it first.
generate: $(STAMP)
	$(BIN)/python -m studyguide.generate

# Regenerate .github/ISSUE_TEMPLATE/exam-update.yml from data/ (a test fails while it is stale).
issue-forms: $(STAMP)
	$(BIN)/python -m studyguide.issue_forms

# Build-time cost of the glossary and of all hooks (prints timings; not part of `make test`).
bench: $(DEV_STAMP)
	$(BIN)/python tests/bench/bench_build.py

clean:
	rm -rf $(VENV) $(PROPERDOCS_VENV) $(ZENSICAL_VENV) site .site-build.* .pytest_cache reports
