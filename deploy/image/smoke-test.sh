#!/usr/bin/env bash
# Copyright ©2026 The boltzbook Authors. All rights reserved.
# Use of this source code is governed by a BSD-style
# license that can be found in the LICENSE file.
#
# smoke-test.sh IMAGE — check a built single-user image: the kernel and
# its BLAS, the kernelspec, notebook 03 run headless in quick mode, MNIST,
# and a JupyterLab server in the container whose default kernel answers
# `x := 41; x + 1` with 42 over the kernel websocket. Loopback only.
#
# CONTAINER=podman (default) or docker runs the image with its entry point;
# extra `run` flags go in RUN_FLAGS. CONTAINER=buildah runs the commands in
# the image's file system with chroot isolation, through the same entry
# point (boltzbook-start), for machines whose OCI runtime cannot start
# containers (no cgroups, no setrlimit).
set -euo pipefail
image=${1:?usage: smoke-test.sh IMAGE}
ctr=${CONTAINER:-podman}
read -r -a flags <<<"${RUN_FLAGS:-}"
here=$(cd "$(dirname "$0")" && pwd)
cleanup=()
trap 'for c in "${cleanup[@]}"; do eval "$c" >/dev/null 2>&1 || true; done' EXIT
if [ "$ctr" = buildah ]; then
	work=$(buildah from "$image")
	cleanup+=("buildah rm $work")
	run() { buildah run --isolation chroot "$work" -- tini -s -- boltzbook-start "$@"; }
	# The server is stopped through its API at the end (POST /api/shutdown);
	# killing buildah run would leave its child behind.
	serve() {
		buildah run --isolation chroot "$work" -- tini -s -- boltzbook-start "$@" &
		server_pid=$!
		cleanup=("wait $server_pid" "${cleanup[@]}")
	}
else
	run() { "$ctr" run --rm "${flags[@]}" "$image" "$@"; }
	serve() {
		local cid
		cid=$("$ctr" run -d --rm "${flags[@]}" --network host "$image" "$@")
		cleanup=("$ctr stop -t 5 $cid" "${cleanup[@]}")
	}
fi

echo "== boltzbook version (compiled cells available)"
run boltzbook version | tee /dev/stderr | grep -q "compiled plugins"
echo "== kernelspecs"
run jupyter kernelspec list
run jupyterhub-singleuser --version
echo "== notebook 03, quick mode, headless"
run sh -c 'cd && BOLTZBOOK_QUICK=1 boltzbook run -q notebooks/03-noisy-units.ipynb -o /tmp/out.ipynb && ls notebooks notebooks/exercises && id'
echo "== MNIST from the image"
run sh -c 'cat > /tmp/m.ipynb <<NB
{"cells": [{"cell_type": "code", "execution_count": null, "id": "a", "metadata": {}, "outputs": [], "source": "import \"github.com/boltzbook/boltzbook/datasets\"\nmn, err := datasets.LoadMNIST(\"\")\nif err != nil { panic(err) }\nlen(mn.TrainLabels)"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
NB
boltzbook run -q /tmp/m.ipynb -o /tmp/m.out.ipynb && grep -o "\"60000\"" /tmp/m.out.ipynb'

echo "== JupyterLab in the container"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
serve jupyter lab --no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port="$port" --IdentityProvider.token="$token"
PYTHON=${PYTHON:-python3}
"$PYTHON" - "$port" "$token" "$here/../hub" <<'PY'
import asyncio, json, sys, time, urllib.request
port, token, hubdir = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, hubdir)
import hubclient
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect
base = "http://127.0.0.1:%s" % port
def get(path, method="GET", body=None):
    req = urllib.request.Request(base + path, method=method, data=body,
                                 headers={"Authorization": "token " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        data = r.read()
        return json.loads(data) if data else None
for _ in range(120):
    try:
        specs = get("/api/kernelspecs"); break
    except OSError:
        time.sleep(0.5)
else:
    sys.exit("the server in the container did not answer")
assert specs["default"] == "boltzbook", specs["default"]
k = get("/api/kernels", "POST", json.dumps({"name": "boltzbook"}).encode())
async def main():
    ws = await websocket_connect(HTTPRequest("ws://127.0.0.1:%s/api/kernels/%s/channels" % (port, k["id"]),
                                             headers={"Authorization": "token " + token}))
    res, _, err, dt = await hubclient.Kernel(ws, k["id"]).execute("x := 41; x + 1", timeout=60)
    assert err is None and res == "42", (res, err)
    print("default kernel %s; x := 41; x + 1 -> %s in %.0f ms" % (specs["default"], res, dt * 1000))
try:
    asyncio.run(main())
finally:
    get("/api/shutdown", "POST", b"")  # the server exits, and its container with it
PY
echo "smoke-test: OK"
