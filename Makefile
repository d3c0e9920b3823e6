# The CRM course kit. Two commands on a fresh machine (Python 3.11+):
#   make lab    set up (once) and open the course in JupyterLab
#   make test   set up (once) and run every test: crmkit, notebooks (nbval), exercises, lint (ruff)
# Headless:     make lab LAB_ARGS="--no-browser --port 8888"
# In Chinese:   make lab LANG=zh   (the Chinese edition zh/, JupyterLab's menus in Chinese)
# The lab is rooted at the repository (notebooks/, exercises/, solutions/, datasets/ all visible,
# links between them work) and opens on the start page, at the same URL as on Binder.

PYTHON   ?= python3
VENV     ?= .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.crmkit-installed
# The course's JupyterLab settings (no "official Jupyter news" pop-up): installed into the
# environment's app settings, where JupyterLab reads overrides.json (postBuild does the same on Binder).
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
# The kit's Chinese font served to JupyterLab as a web font (the crmkit.lab server extension, enabled
# by this file in the environment's Jupyter config; postBuild does the same on Binder).
SERVER_CONFIG := $(VENV)/etc/jupyter/jupyter_server_config.d/crmkit.json
# make lab LANG=zh (or any LANG starting with zh, such as zh_CN.UTF-8): the Chinese edition, with
# JupyterLab's own menus in Chinese (the zh_CN language pack) for that run only. That run reads its
# app settings from a folder of its own, the course's overrides plus the locale, so the English lab
# stays English. A language chosen in the lab's Settings > Language menu still wins in both.
ZH       := $(filter zh%,$(LANG))
LAB_SETTINGS_ZH := $(VENV)/share/jupyter/lab/settings-zh
START    := $(if $(ZH),zh/)notebooks/00_start_here.ipynb
# The Chinese run keeps its own workspace (open tabs), so the two editions' tabs never mix.
LAB_LANG_ARGS := $(if $(ZH),--LabApp.app_settings_dir=$(abspath $(LAB_SETTINGS_ZH)) --LabApp.workspaces_dir=$(abspath $(VENV)/share/jupyter/lab/workspaces-zh))
LAB_ARGS ?=
# The no-code apps for managers (make app, make app LANG=zh): Voilà renders apps/<lang>/*.ipynb (written by
# python -m crmkit.apps build) with the course's page template, jupyterlab-settings/voila/templates/crmkit:
# Voilà's lab page plus the kit's web font (Chinese without a system font), without the icon font from a CDN.
# The template, with the font beside it, goes into the environment's Jupyter data folder, and voila.json
# (Voilà's own config file, read by the server extension and by the voila program) chooses it. postBuild
# does the same on Binder, where the gallery is /voila/render/apps/en/index.ipynb.
VOILA_TEMPLATE := $(VENV)/share/jupyter/voila/templates/crmkit
VOILA_CONFIG := $(VENV)/etc/jupyter/voila.json
APP      := apps/$(if $(ZH),zh,en)/index.ipynb
APP_ARGS ?=
PYTEST_ARGS ?=

.PHONY: lab app test install exercises zh datasets bench bench-owndata check-python clean constraints site slides test-browser hub-proxy bench-hub

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "The course needs Python 3.11 or newer; this is " + sys.version.split()[0])'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing crmkit and the course's dependencies into $(VENV) (first time only, about a minute) ..."
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test,hub]"
	@rm -rf crmkit.egg-info  # the editable build's by-product; the install lives in $(VENV)
	@touch $(STAMP)

$(LAB_SETTINGS): jupyterlab-settings/overrides.json $(STAMP)
	@mkdir -p $(dir $@)
	cp jupyterlab-settings/overrides.json $@

$(SERVER_CONFIG): jupyterlab-settings/jupyter_server_config.d/crmkit.json $(STAMP)
	@mkdir -p $(dir $@)
	cp jupyterlab-settings/jupyter_server_config.d/crmkit.json $@

$(LAB_SETTINGS_ZH)/overrides.json: jupyterlab-settings/overrides.json jupyterlab-settings/zh/overrides.d/crmkit-zh.json $(STAMP)
	@mkdir -p $(LAB_SETTINGS_ZH)/overrides.d
	cp jupyterlab-settings/zh/overrides.d/crmkit-zh.json $(LAB_SETTINGS_ZH)/overrides.d/crmkit-zh.json
	cp jupyterlab-settings/overrides.json $@

# (the font, its licence and the style sheet, as crmkit.lab.copy_font lays them out)
$(VOILA_TEMPLATE)/index.html.j2: jupyterlab-settings/voila/templates/crmkit/index.html.j2 jupyterlab-settings/voila/templates/crmkit/conf.json crmkit/lab/static/custom.css $(STAMP)
	@mkdir -p $(VOILA_TEMPLATE)/static
	cp crmkit/fonts/CrmkitSansSC-Regular.otf crmkit/fonts/OFL.txt $(VOILA_TEMPLATE)/static/
	cp crmkit/lab/static/custom.css $(VOILA_TEMPLATE)/static/crmkit-font.css
	cp jupyterlab-settings/voila/templates/crmkit/conf.json $(VOILA_TEMPLATE)/conf.json
	cp jupyterlab-settings/voila/templates/crmkit/index.html.j2 $@

$(VOILA_CONFIG): jupyterlab-settings/voila.json $(STAMP)
	@mkdir -p $(dir $@)
	cp jupyterlab-settings/voila.json $@

install: $(STAMP) $(LAB_SETTINGS) $(SERVER_CONFIG) $(LAB_SETTINGS_ZH)/overrides.json $(VOILA_TEMPLATE)/index.html.j2 $(VOILA_CONFIG)

# Jupyter refuses to run as root unless told; containers often are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

lab: install
	@test -f $(START) || { echo "$(START) is missing: the Chinese edition is built by python -m crmkit.i18n.editions build"; exit 1; }
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/$(START) $(LAB_LANG_ARGS) $(LAB_ARGS)

# The apps' gallery in Voilà (served as a Jupyter server extension, at the same address as on Binder), on the
# bundled data, no network; the browser opens on the gallery. Headless: make app APP_ARGS="--no-browser --port 8866".
app: install
	@test -f $(APP) || { echo "$(APP) is missing: python -m crmkit.apps build writes the apps"; exit 1; }
	$(BIN)/jupyter server $(ROOT_FLAG) --ServerApp.root_dir=. --ServerApp.open_browser=True --ServerApp.default_url=/voila/render/$(APP) $(APP_ARGS)

# In parallel (pytest-xdist), one worker per core plus one: the extra worker fills the time the browser
# tests wait on a kernel and Chromium (on 2 cores: 348-377 s of pytest time with three workers, 401 s with
# two). Each file runs whole on one worker: a notebook's cells in order in one kernel, the browser tests
# with one JupyterLab and one Chromium. (--dist loadgroup would spread finer, but pytest-xdist 3.8 cannot
# rename pytest 9's node ids, so its groups are ignored.) Caches go to $(VENV)/ (compiled modules to git-ignored
# __pycache__/ folders), so a run leaves the work
# tree as it was. In this process, e.g. to debug: make test PYTEST_WORKERS=0
PYTEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print((os.cpu_count() or 1) + 1)')
# Compiled modules are written (git ignores __pycache__/), also where the environment says not to write them
# (PYTHONDONTWRITEBYTECODE, as on this project's machines): without them every worker and every notebook's
# kernel compiles crmkit and the tests again, and pytest rewrites the tests' asserts again (about 5 s of
# each worker's collection, a few tenths of a second of each of some 70 kernels). Not PYTHONPYCACHEPREFIX:
# Python then ignores the dependencies' own compiled files and compiles all of them once more on a first run.
PYCACHE := PYTHONDONTWRITEBYTECODE=
# --no-loadscope-reorder: pytest-xdist would otherwise send the files with the most tests first (the bad-input
# harness, the exercises) and the browser files (a few long tests each) last; the order of tests/conftest.py's
# LONGEST_FIRST is the one that keeps the workers busy to the end.
test: install hub-proxy
	$(PYCACHE) $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

# configurable-http-proxy, JupyterHub's proxy (deploy/, the hub smoke test, make bench-hub), from the npm
# registry at the versions deploy/proxy/package-lock.json pins, into $(VENV)/hub-proxy: never globally,
# never committed. Without npm nothing is installed and the hub smoke test skips with one line.
HUB_PROXY := $(VENV)/hub-proxy/node_modules/.bin/configurable-http-proxy
$(HUB_PROXY): deploy/proxy/package.json deploy/proxy/package-lock.json
	@mkdir -p $(VENV)/hub-proxy
	cp deploy/proxy/package.json deploy/proxy/package-lock.json $(VENV)/hub-proxy/
	cd $(VENV)/hub-proxy && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

hub-proxy: $(if $(shell command -v npm 2>/dev/null),$(HUB_PROXY))
	@command -v npm >/dev/null 2>&1 || echo "npm is not installed: the hub smoke test will skip (configurable-http-proxy needs Node.js)"

# The hub's load test (not a test: it prints a table and writes build/hub_load.png). Simulated students sign
# in, start their servers, run chapter 04 and move its widget: make bench-hub HUB_LOAD_ARGS="--students 10 20 30 40"
HUB_LOAD_ARGS ?= --students 10 20 30 40 --duration 240
bench-hub: install hub-proxy
	$(BIN)/python benchmarks/hub_load.py $(HUB_LOAD_ARGS)

# Regenerate exercises/ from solutions/. A notebook there that holds answers is kept and named;
# EXERCISES_ARGS=--force overwrites it, EXERCISES_ARGS=--my-work copies the notebooks into my-work/.
EXERCISES_ARGS ?=
exercises: $(STAMP)
	$(BIN)/python -m crmkit.exercises.generate $(EXERCISES_ARGS)

# The Chinese edition (中文版) in zh/: bring the translation catalogues (locale/, crmkit/locale/) in line
# with the English (new cells empty, changed ones marked fuzzy), then build zh/ from the English notebooks
# and the catalogues and execute it. `python -m crmkit.i18n.editions check` names what is left to translate.
zh: $(STAMP)
	$(BIN)/python -m crmkit.i18n.editions update
	$(BIN)/python -m crmkit.i18n.editions build

datasets: $(STAMP)
	$(BIN)/python -m crmkit.synth

# The course as static HTML (build/site/index.html) and a chapter as reveal.js slides. No network
# needed, then or when reading them: MathJax and reveal.js are copied next to the pages from packages
# the install brings (jupyter-server-mathjax, pyreveal); open the files directly or serve the folder.
site: $(STAMP)
	$(BIN)/python -m crmkit.site

NOTEBOOK ?= notebooks/08_switching_costs.ipynb
slides: $(STAMP)
	$(BIN)/python -m crmkit.site --slides $(NOTEBOOK)

# Only the real-browser tests (make test runs them too): JupyterLab driven by Playwright in Chromium.
# Both install the lab's settings and server config first: the tests check the lab a student gets.
test-browser: install
	$(BIN)/python -m pytest tests/browser -m browser

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# Your own data at any size (issue 24): the RFM table on 10^6, 10^7, 10^8 Parquet rows by the DuckDB path, the
# pandas path and bare DuckDB, and the churn model against bare scikit-learn; prints a table (several minutes).
bench-owndata: $(STAMP)
	$(BIN)/python benchmarks/owndata_bench.py

# After upgrading a dependency on purpose: re-pin, re-execute the notebooks, and commit both.
constraints: $(STAMP)
	@{ sed -n '1,3p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -v '^crmkit'; } > constraints.new
	mv constraints.new constraints.txt

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .ruff_cache crmkit.egg-info
