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

.PHONY: lab test build venv install-kernel vet generate check-generate test-go test-race test-fuzz \
        test-py test-notebooks test-e2e notebooks exercises bench bench-cells clean

# The kernel compiles cells against this source tree (kernel/toolchain).
LDFLAGS := -X github.com/boltzbook/boltzbook/kernel/toolchain.SourceDir=$(CURDIR)

build: ## build the kernel binary
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

vet:
	$(GO) vet $(GOTAGS) ./...
	@# go.mod must say what the code imports: direct dependencies not "// indirect".
	$(GO) mod tidy -diff
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }

generate: ## regenerate the preloaded-package bindings in kernel/imports
	$(GO) generate ./kernel/...

check-generate:
	kernel/imports/check-generated.sh

test-go:
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

e2e/node_modules/.package-lock.json: e2e/package.json e2e/package-lock.json
	cd e2e && npm ci --no-audit --no-fund

test-e2e: install-kernel e2e/node_modules/.package-lock.json
	cd e2e && BOLTZBOOK_VENV=$(abspath $(VENV)) npm test

test: vet check-generate test-go test-race test-fuzz test-py test-notebooks test-e2e ## run every test CI runs

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
