# The CRM course kit. Two commands on a fresh machine (Python 3.10+):
#   make lab    set up (once) and open the course in JupyterLab
#   make test   set up (once) and run every test: crmkit, notebooks (nbval), exercises
# Headless:     make lab LAB_ARGS="--no-browser --port 8888"

PYTHON   ?= python3
VENV     ?= .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.crmkit-installed
LAB_ARGS ?=
PYTEST_ARGS ?=

.PHONY: lab test install exercises datasets bench check-python clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else "The course needs Python 3.10 or newer; this is " + sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing crmkit and the course's dependencies into $(VENV) (first time only, about a minute) ..."
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $(STAMP)

install: $(STAMP)

# Jupyter refuses to run as root unless told; containers often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

lab: $(STAMP)
	$(BIN)/jupyter lab $(ROOT_FLAG) $(LAB_ARGS) notebooks/00_start_here.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

exercises: $(STAMP)
	$(BIN)/python -m crmkit.exercises.generate

datasets: $(STAMP)
	$(BIN)/python -m crmkit.synth

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache
