# The two commands: `make lab` (open the course) and `make test` (run every test).
# Both create .venv with the machine's Python when it is missing and install the
# course into it; when nothing changed since the last install they skip that step.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JOBS ?= auto
CHROMIUM := $(shell command -v chromium || command -v chromium-browser)
BWRAP := $(shell command -v bwrap)
# jupyter refuses to run as root without --allow-root; add it only then.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
NBVAL := KIT_FEEDBACK_RELEASED=all $(BIN)/python -m pytest --nbval-current-env --nbval-sanitize-with tests/nbval-sanitize.cfg \
	-n $(JOBS) --dist loadscope -p no:cacheprovider

.PHONY: setup lab test unit notebooks-test browser sync exercises notebooks release benchmark clean

$(STAMP): pyproject.toml labsettings/overrides.json
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	$(BIN)/python labsettings/install.py
	@touch $(STAMP)

setup: $(STAMP)

lab: setup
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/lessons/00_start_here.ipynb \
		--LabApp.news_url=None --LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate

test: setup
	$(MAKE) --no-print-directory sync unit notebooks-test browser
	@if [ -n "$(CHROMIUM)" ]; then \
		echo "make test: sync check, unit tests, doctests, notebooks and browser tests all passed."; \
	else \
		echo "make test: sync check, unit tests, doctests and notebooks passed; BROWSER TESTS WERE NOT RUN (no Chromium: apt-get install chromium)."; \
	fi
	@if [ -z "$(BWRAP)" ]; then \
		echo "THE GRADER'S SANDBOX TESTS WERE SKIPPED (no bubblewrap: apt-get install bubblewrap); under CI they fail instead."; \
	fi

sync: setup
	$(BIN)/python -m kit build --check

unit: setup
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile -p no:cacheprovider tests kit --doctest-modules --ignore=tests/browser

# The real-browser suite (JupyterLab driven in Debian's Chromium by Playwright). Without Chromium
# it says so plainly; under CI (CI=true) a missing browser is a failure, never a silent skip.
browser: setup
	@if [ -n "$(CHROMIUM)" ]; then \
		$(BIN)/python -m pytest -p no:cacheprovider -m browser tests/browser; \
	else \
		echo "BROWSER TESTS NOT RUN: Chromium is not installed (apt-get install chromium)."; \
		if [ -n "$$CI" ]; then echo "CI must run the browser suite: failing."; exit 1; fi; \
	fi

# One run for every notebook: exercises are committed without outputs or execution counts
# (tests/test_notebooks.py checks it), and nbval never compares the output of a cell that
# has no execution count, so strict mode runs them exactly as --nbval-lax would.
notebooks-test: setup
	$(NBVAL) --nbval lessons solutions exercises assessments $(wildcard practice)

exercises: setup
	$(BIN)/python -m kit build

notebooks: setup
	$(BIN)/python -m kit build
	KIT_FEEDBACK_RELEASED=all KIT_STUDENT=test-student $(BIN)/python -m kit execute
	$(BIN)/python -m kit build

# The student release: lessons, exercises, tests and cases without solutions, instructor keys or readable
# answers (python -m kit release; an earlier release in the same folder is replaced).
RELEASE ?= release
release: setup
	$(BIN)/python -m kit release $(RELEASE) --force

benchmark: setup
	$(BIN)/python benchmarks/import_time.py
	$(BIN)/python benchmarks/quote_grouping.py
	$(BIN)/python benchmarks/grading.py
	$(BIN)/python benchmarks/notebook_suite.py
	$(BIN)/python benchmarks/widgets.py
	$(BIN)/python benchmarks/loading.py
	$(BIN)/python benchmarks/unseen.py

clean:
	rm -rf $(VENV) build dist *.egg-info
