#!/usr/bin/env bash
# Copyright ©2026 The boltzbook Authors. All rights reserved.
# Use of this source code is governed by a BSD-style
# license that can be found in the LICENSE file.
#
# run.sh PREFIX — start the JupyterHub of deploy/hub in the foreground
# (`make hub`; Ctrl-C stops it, the proxy and every user's server).
# PREFIX was laid out by install.sh. The users allowed to log in and the
# admins come from BOLTZBOOK_HUB_USERS / BOLTZBOOK_HUB_ADMINS (default:
# student1..student3 and teacher); their passwords are made once and kept
# in PREFIX/state/passwords, readable by root only.
set -euo pipefail
prefix=${1:?usage: run.sh PREFIX}
here=$(cd "$(dirname "$0")" && pwd)

export BOLTZBOOK_HUB_PREFIX=$prefix
export BOLTZBOOK_HUB_USERS=${BOLTZBOOK_HUB_USERS:-student1,student2,student3}
export BOLTZBOOK_HUB_ADMINS=${BOLTZBOOK_HUB_ADMINS:-teacher}
state=${BOLTZBOOK_HUB_STATE:-$prefix/state}
mkdir -p "$state" && chmod 700 "$state"
pw="$state/passwords"
if [ ! -f "$pw" ]; then
	umask 077
	{
		echo "BOLTZBOOK_HUB_PASSWORD=$(head -c 9 /dev/urandom | base64 | tr '+/' 'xy')"
		echo "BOLTZBOOK_HUB_ADMIN_PASSWORD=$(head -c 30 /dev/urandom | base64 | tr '+/' 'xy')"
	} >"$pw"
fi
set -a
# shellcheck disable=SC1090
. "$pw"
set +a

cat <<MSG
boltzbook hub: http://${BOLTZBOOK_HUB_IP:-127.0.0.1}:${BOLTZBOOK_HUB_PORT:-8000}/
  users  $BOLTZBOOK_HUB_USERS   password $BOLTZBOOK_HUB_PASSWORD
  admins $BOLTZBOOK_HUB_ADMINS   password $BOLTZBOOK_HUB_ADMIN_PASSWORD
  (kept in $pw; each user gets a Unix account and ~/notebooks on first login)
MSG
cd "$state"
exec "$prefix/venv/bin/jupyterhub" -f "$here/jupyterhub_config.py"
