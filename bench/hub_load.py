"""Load on the JupyterHub of deploy/hub (run through bench/hub-load).

For each student count N (the --students run, then each count of --ramp
until the p95 of a trivial cell passes 1 s): a fresh hub, N users created
through the REST API, their servers and kernels started at once; when all
are up, each student's kernel runs notebook 03 (quick mode) with a trivial
cell (`1 + 1`) after every notebook cell, all students starting at the same
moment. Reports per N: server
start (p50/max), notebook cell and trivial cell latency (p50/p95), failures,
memory of the hub (hub + proxy) and per user, and wall time; then the
student count at which the p95 of the trivial cell passes 1 s.

Loopback only; every user it makes (bbload-NN) is deleted at the end.
"""
import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "deploy", "hub"))
import hubclient  # noqa: E402

NOTEBOOK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "notebooks", "03-noisy-units.ipynb")


def pct(xs, p):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(round(p / 100 * len(xs))) - 1))]


def rss_mib(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            return next(int(l.split()[1]) for l in f if l.startswith("VmRSS:")) / 1024
    except (FileNotFoundError, StopIteration):
        return 0.0


def hub_memory(hub):
    """The hub's process group (hub + proxy), resident MiB."""
    total = 0.0
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                if os.getpgid(int(d)) == hub.proc.pid:
                    total += rss_mib(int(d))
            except (ProcessLookupError, PermissionError):
                pass
    return total


async def student(hub, name, cells, out, ready, go):
    rec = {"start": None, "nb": [], "trivial": [], "errors": []}
    out[name] = rec
    k = None
    try:
        rec["start"] = await hub.start_server(name, timeout=600)
        k = await hub.kernel(name)
        await k.execute('import "os"\nos.Setenv("BOLTZBOOK_QUICK", "1")', timeout=300)
    except Exception as e:  # a failure of this student, counted
        rec["errors"].append("%s: %s" % (type(e).__name__, e))
    finally:
        ready()
    if k is None or rec["errors"]:
        if k is not None:
            k.close()
        return
    await go.wait()  # every student's first cell starts at the same moment
    try:
        try:
            for i, code in enumerate(cells):
                _, _, err, dt = await k.execute(code, timeout=600)
                rec["nb"].append(dt)
                if err:
                    rec["errors"].append("cell %d: %s" % (i, err))
                r, _, err, dt = await k.execute("1 + 1", timeout=300)
                rec["trivial"].append(dt)
                if err or r != "2":
                    rec["errors"].append("trivial cell: %s %s" % (r, err))
        finally:
            k.close()
    except Exception as e:  # a failure of this student, counted
        rec["errors"].append("%s: %s" % (type(e).__name__, e))


async def round_(hub, n, cells):
    users = ["bbload-%02d" % i for i in range(n)]
    await hub.create_users(users)
    out = {}
    go = asyncio.Event()
    waiting = [len(users)]

    def ready():
        waiting[0] -= 1
        if waiting[0] == 0:
            go.set()

    tasks = [asyncio.create_task(student(hub, u, cells, out, ready, go)) for u in users]
    await go.wait()
    t0 = time.monotonic()
    peak = {"hub": 0.0, "users": 0.0}

    async def sample():
        while True:
            peak["hub"] = max(peak["hub"], hub_memory(hub))
            total = 0.0
            for u in users:
                m = hubclient.user_memory(u)
                total += m["server"] + m["kernel"] + m["other"]
            peak["users"] = max(peak["users"], total)
            await asyncio.sleep(1)

    sampler = asyncio.create_task(sample())
    await asyncio.gather(*tasks)
    sampler.cancel()
    wall = time.monotonic() - t0
    for u in users:
        await hub.stop_server(u)
    return users, out, wall, peak


def run(prefix, n, cells):
    state = tempfile.mkdtemp(prefix="boltzbook-hubload-")
    os.chmod(state, 0o700)
    log = open(os.path.join(state, "hub.log"), "w")
    hub = hubclient.Hub(prefix, state, log=log)
    users = []
    try:
        start = hub.start()
        users, out, wall, peak = asyncio.run(round_(hub, n, cells))
    finally:
        hub.stop(users=["bbload-%02d" % i for i in range(n)])
        log.close()
        for i in range(n):
            hubclient.delete_user("bbload-%02d" % i)
    if not any(r["errors"] for r in out.values()):
        shutil.rmtree(state, ignore_errors=True)  # else keep the hub's log
    starts = [r["start"] for r in out.values() if r["start"] is not None]
    nb = [x for r in out.values() for x in r["nb"]]
    triv = [x for r in out.values() for x in r["trivial"]]
    failures = [(u, e) for u, r in out.items() for e in r["errors"]]
    res = {
        "n": n, "hub_start": start, "start_p50": statistics.median(starts) if starts else float("nan"),
        "start_max": max(starts) if starts else float("nan"),
        "nb_p50": pct(nb, 50) * 1000, "nb_p95": pct(nb, 95) * 1000,
        "triv_p50": pct(triv, 50) * 1000, "triv_p95": pct(triv, 95) * 1000,
        "failures": len(failures), "wall": wall, "hub_mib": peak["hub"], "user_mib": peak["users"] / n,
    }
    print("N=%(n)2d  hub start %(hub_start).1f s  server start p50 %(start_p50).1f s max %(start_max).1f s  "
          "notebook cell p50 %(nb_p50).0f ms p95 %(nb_p95).0f ms  trivial cell p50 %(triv_p50).0f ms "
          "p95 %(triv_p95).0f ms  failures %(failures)d  peak memory: hub %(hub_mib).0f MiB, "
          "%(user_mib).0f MiB per user  notebooks wall %(wall).0f s" % res, flush=True)
    for u, e in failures[:10]:
        print("   failure %s: %s" % (u, e))
    if failures:
        print("   hub log: %s" % os.path.join(state, "hub.log"))
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--prefix", default="/opt/boltzbook-hub")
    ap.add_argument("--students", type=int, default=10)
    ap.add_argument("--ramp", default="15,20,30,40",
                    help="student counts tried after --students until the trivial cell's p95 passes 1 s")
    args = ap.parse_args()
    cells = hubclient.code_cells(NOTEBOOK)
    print("bench/hub-load: notebook 03 (%d code cells, quick mode) + a trivial cell after each, "
          "%d cores, load average %.1f at start" % (len(cells), os.cpu_count(), os.getloadavg()[0]), flush=True)
    results = [run(args.prefix, args.students, cells)]
    for n in [int(x) for x in args.ramp.split(",") if x]:
        if results[-1]["triv_p95"] > 1000:
            break
        if n > args.students:
            results.append(run(args.prefix, n, cells))
    over = [r["n"] for r in results if r["triv_p95"] > 1000]
    if over:
        print("p95 of a trivial cell passes 1 s at %d students" % over[0])
    else:
        print("p95 of a trivial cell stayed under 1 s up to %d students" % results[-1]["n"])


if __name__ == "__main__":
    main()
