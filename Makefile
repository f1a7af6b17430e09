# The two commands of the course:  `make lab`  opens it,  `make test`  checks all of it.
# Both create the virtual environment (.venv) and the data cache (data/) when they are missing.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
# MXNet takes only half the cores by default; use them all unless the user chose a number.
export OMP_NUM_THREADS ?= $(shell nproc)
# JupyterLab refuses to run as root (e.g. in a container) unless told to.
LAB_ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test unit setup data browser bench lint clean-venv

lab: setup
	$(PY) -m jupyterlab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=notebooks $(LAB_ROOT_FLAG)

test: setup browser
	$(VENV)/bin/ruff check .
	$(PY) -m pytest

# The quick check while working on helpers/ (about a minute on 2 cores): tests/unit without what is marked slow,
# browser or network (see pyproject.toml), no notebooks, no Chromium needed. `make test` runs all of it.
unit: setup
	@start=$$(date +%s); \
	$(PY) -m pytest tests/unit -m "not slow and not browser and not network"; status=$$?; \
	echo "make unit: $$(( $$(date +%s) - start )) s"; exit $$status

# `make lab` needs no browser and never installs one; `make test` also looks for one (see below).
setup: $(VENV)/.installed data

$(VENV)/.installed: requirements.txt pyproject.toml scripts/setup_venv.sh
	PYTHON=$(PYTHON) bash scripts/setup_venv.sh

# Copies an offline copy of the data when there is one beside the project, then downloads (and
# verifies) whatever is still missing. A failed download is reported but does not stop `make lab`.
data: $(VENV)/.installed
	$(PY) -m helpers.cache seed
	-$(PY) -m helpers.cache fetch

# The browser tests need a Chromium: found as tests/browsers.py says; installed only as root (CI).
browser: $(VENV)/.installed
	@PY=$(PY) bash scripts/ensure_chromium.sh

bench: setup
	$(PY) -m helpers.tools.bench

lint: setup
	$(VENV)/bin/ruff check .

clean-venv:
	rm -rf $(VENV)
