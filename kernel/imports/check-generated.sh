#!/usr/bin/env bash
# Copyright ©2026 The boltzbook Authors. All rights reserved.
# Use of this source code is governed by a BSD-style
# license that can be found in the LICENSE file.
#
# check-generated.sh regenerates the preloaded-package bindings and fails
# if they differ from what is committed, e.g. after an API change in bm,
# plots or datasets that nobody regenerated for. Run from anywhere.
set -euo pipefail

root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cd "$root"

go generate ./kernel/...

# Only generated files are compared (hand-written ones may be mid-edit);
# new or deleted generated files count as a difference too.
generated='kernel/imports/x_*.go'
untracked=$(git ls-files --others --exclude-standard -- "$generated")
if ! git diff --exit-code --stat -- "$generated" || [ -n "$untracked" ]; then
	[ -n "$untracked" ] && printf 'untracked generated files:\n%s\n' "$untracked"
	cat >&2 <<'MSG'

check-generated: kernel/imports is out of date with the packages it binds.
Run `go generate ./kernel/...` and commit the changes in kernel/imports.
MSG
	exit 1
fi
echo "check-generated: kernel/imports is up to date"
