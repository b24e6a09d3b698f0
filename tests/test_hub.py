"""The JupyterHub of deploy/hub with three students, on loopback.

`make test-hub` lays the hub out (deploy/hub/install.sh) and runs this as
root: it starts the hub, creates three users through the REST API (the hub
gives each a Unix account), starts their servers, starts a boltzbook kernel
for each and runs a Go cell over the kernel websocket through the proxy,
runs notebook 03 in quick mode for the three at the same time, and checks
what each user may read: the shared MNIST yes, another student's home no.
It prints the figures: hub start, server start, kernel start, cell round
trip through the hub, memory per user.
"""
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "deploy" / "hub"))

PREFIX = os.environ.get("BOLTZBOOK_HUB_PREFIX", "/opt/boltzbook-hub")
USERS = ["bbtest-ann", "bbtest-bob", "bbtest-cat"]
NOTEBOOK = REPO / "notebooks" / "03-noisy-units.ipynb"

if os.geteuid() != 0:
    pytest.skip("the hub test needs root: it creates Unix users and spawns servers as them", allow_module_level=True)
if not os.path.exists(os.path.join(PREFIX, "venv", "bin", "jupyterhub")):
    pytest.skip("no hub installed in %s: run `make test-hub`, which installs it" % PREFIX, allow_module_level=True)

import hubclient  # noqa: E402 (needs the path above)


@pytest.fixture
def hub(tmp_path):
    for u in USERS:  # left over from an interrupted run
        hubclient.delete_user(u)
    state = tmp_path / "state"
    state.mkdir(mode=0o700)
    log = open(tmp_path / "hub.log", "w")
    h = hubclient.Hub(PREFIX, str(state), log=log)  # users come through the REST API
    try:
        yield h
    finally:
        h.stop(users=USERS)
        log.close()
        for u in USERS:
            hubclient.delete_user(u)
        assert not any(hubclient.user_pids(u) for u in USERS)
        print("hub log: %s" % (tmp_path / "hub.log"))


def test_hub_three_students(hub):
    hub_start = hub.start()
    asyncio.run(asyncio.wait_for(three_students(hub, hub_start), 420))


async def three_students(hub, hub_start):
    await hub.create_users(USERS)
    # Servers through the REST API, all at once.
    starts = await asyncio.gather(*(hub.start_server(u) for u in USERS))
    homes = {u: os.path.expanduser("~" + u) for u in USERS}
    for u in USERS:
        assert (os.stat(homes[u]).st_mode & 0o777) == 0o700, "%s's home is readable by others" % u
        assert os.path.exists(os.path.join(homes[u], "notebooks", NOTEBOOK.name)), "no notebooks copied for %s" % u
        assert not os.path.exists(os.path.join(homes[u], "notebooks", "exercises", "keys")), "keys handed out"
        specs = await hub.server(u, "GET", "/kernelspecs")
        assert specs["default"] == "boltzbook" and "boltzbook" in specs["kernelspecs"], specs
    # JupyterLab is the interface a student lands on.
    lab = await hub.request("GET", "/user/%s/lab" % USERS[0], raw=True)
    assert lab.code == 200 and b"JupyterLab" in lab.body, lab.code
    info = await hub.api("GET", "/users/%s" % USERS[0])
    assert info["servers"][""]["url"] == "/user/%s/" % USERS[0], info
    # A kernel each, and the Go cell of the issue over the websocket.
    kernels = await asyncio.gather(*(hub.kernel(u) for u in USERS))
    for u, k in zip(USERS, kernels):
        result, outputs, error, _ = await k.execute("x := 41; x + 1")
        assert error is None and result == "42", (u, result, error)
    # A compiled cell (a generic function and a loop) in every user's kernel:
    # the Go toolchain, the source tree and the prepared packages are theirs
    # to use, and their stderr carries no note that cells are interpreted only.
    compiled = "func twice[T int | float64](v T) T { return 2 * v }\ns := 0\nfor i := range 4 {\n\ts += i\n}\ntwice(s) + 30"
    for u, k in zip(USERS, kernels):
        result, outputs, error, dt = await k.execute("%time\n" + compiled, timeout=120)
        assert error is None and result == "42", (u, result, error, outputs)
        text = "".join(o["content"].get("text", "") for o in outputs)
        assert "(compiled" in text and "interpreter only" not in text, (u, text)
    # The round trip of a trivial cell through the hub, for one user alone.
    k = kernels[0]
    trips = []
    for i in range(30):
        result, _, error, dt = await k.execute("x + %d" % i)
        assert error is None and result == str(41 + i)
        trips.append(dt * 1000)
    idle = {u: hubclient.user_memory(u) for u in USERS}

    # Isolation: ann's kernel reads her own home and the shared MNIST, not bob's home.
    a, b = USERS[0], USERS[1]
    probe = """
import (
	"fmt"
	"os"
	"github.com/boltzbook/boltzbook/datasets"
)
_, errOwn := os.ReadDir(%s)
_, errHome := os.ReadDir(%s)
_, errFile := os.ReadFile(%s)
mn, errMNIST := datasets.LoadMNIST("")
n := 0
if errMNIST == nil {
	n = len(mn.TrainLabels)
}
fmt.Println("own:", errOwn)
fmt.Println("other home:", errHome)
fmt.Println("other file:", errFile)
fmt.Println("mnist:", errMNIST, n)
""" % tuple(json.dumps(p) for p in (os.path.join(homes[a], "notebooks"), homes[b],
                                   os.path.join(homes[b], "notebooks", NOTEBOOK.name)))
    _, outputs, error, _ = await k.execute(probe, timeout=120)
    out = hubclient.stdout_of(outputs)
    assert error is None, (error, out)
    assert "own: <nil>" in out, out
    assert "other home: open %s: permission denied" % homes[b] in out, out
    assert "other file: open %s" % homes[b] in out and "permission denied" in out.split("other file:")[1], out
    assert "mnist: <nil> 60000" in out, out
    mnist_mem = hubclient.user_memory(a)

    # Notebook 03 in quick mode, the three students at the same time.
    cells = hubclient.code_cells(NOTEBOOK)
    t0 = time.monotonic()
    runs = await asyncio.gather(*(run_notebook(hub, u, cells) for u in USERS))
    wall = time.monotonic() - t0
    for u, (errors, lat) in zip(USERS, runs):
        assert not errors, "%s: %s" % (u, errors)
    for k in kernels:
        k.close()

    mib = lambda m: m["server"] + m["kernel"] + m["other"]
    print("\nhub figures (%d users, 2 cores, loopback):" % len(USERS))
    print("  hub start (process to API answering): %.2f s" % hub_start)
    print("  server start through the REST API, 3 at once: %s s" % ", ".join("%.2f" % s for s in starts))
    print("  kernel start (POST /api/kernels to first reply): %s s" % ", ".join("%.2f" % k.start_time for k in kernels))
    print("  cell round trip through the hub (30 trivial cells, one user): median %.1f ms, p95 %.1f ms, max %.1f ms" % (
        statistics.median(trips), sorted(trips)[int(0.95 * len(trips)) - 1], max(trips)))
    for u in USERS:
        m = idle[u]
        print("  memory of %s idle with a kernel: %.0f MiB (server %.0f + kernel %.0f + other %.0f)" % (
            u, mib(m), m["server"], m["kernel"], m["other"]))
    print("  memory of %s after LoadMNIST: %.0f MiB (kernel %.0f)" % (a, mib(mnist_mem), mnist_mem["kernel"]))
    print("  notebook 03 quick, 3 users at once: %.1f s wall; per user %s s" % (
        wall, ", ".join("%.1f" % sum(l) for _, l in runs)))
    for u in USERS:
        await hub.stop_server(u)


async def run_notebook(hub, user, cells):
    """Run a notebook's code cells in a fresh kernel of user's; return (errors, per-cell seconds)."""
    k = await hub.kernel(user)
    try:
        _, _, error, _ = await k.execute('import "os"\nos.Setenv("BOLTZBOOK_QUICK", "1")')
        assert error is None, error
        errors, lat = [], []
        for i, code in enumerate(cells):
            _, _, error, dt = await k.execute(code, timeout=300)
            lat.append(dt)
            if error:
                errors.append("cell %d: %s" % (i, error))
        return errors, lat
    finally:
        k.close()
