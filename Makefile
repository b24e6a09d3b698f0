# boltzbook — the two commands a user needs:
#   make lab    set everything up and start JupyterLab on notebooks/ with the Go kernel
#   make test   run every test CI runs
SHELL := /bin/bash
.DEFAULT_GOAL := lab

GO      ?= go
PYTHON  ?= python3
VENV    ?= .venv
BIN     := bin/boltzbook
PY      := $(VENV)/bin/python

# OpenBLAS through cgo when the library links here; pure-Go gonum otherwise.
HAVE_OPENBLAS := $(shell printf 'int main(void){return 0;}' | cc -x c - -lopenblas -o /dev/null >/dev/null 2>&1 && echo yes)
ifeq ($(HAVE_OPENBLAS),yes)
  GOTAGS   := -tags openblas
  BLASNAME := OpenBLAS
  export CGO_LDFLAGS := -lopenblas
else
  GOTAGS   :=
  BLASNAME := pure Go (install libopenblas-dev for ~8x faster training)
endif

.PHONY: lab test build venv install-kernel test-go test-py vet generate check-generate bench clean

build: ## build the kernel binary
	@echo "boltzbook: BLAS = $(BLASNAME)"
	$(GO) build $(GOTAGS) -o $(BIN) ./kernel/cmd/boltzbook

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -r requirements.txt
	touch $@

venv: $(VENV)/.installed

install-kernel: build venv ## install the kernelspec into the venv
	$(BIN) install --prefix $(VENV)

lab: install-kernel ## start JupyterLab on notebooks/
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

vet:
	$(GO) vet $(GOTAGS) ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }

test-go:
	$(GO) test $(GOTAGS) ./...

test-py: install-kernel
	$(VENV)/bin/pytest -q kernel/tests

test: vet test-go test-py ## run every test CI runs

bench:
	$(GO) test $(GOTAGS) -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin
