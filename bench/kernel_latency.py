"""Kernel latency, boltzbook next to ipykernel, measured in one run with the
same client (jupyter_client):

  round trip   median time from sending execute_request("1+1") to receiving
               its execute_reply, over --execs executions after a warm-up
               (the "idle" column waits for the status idle on iopub too)
  start        median time from starting the kernel process to a
               kernel_info_reply with iopub connected (wait_for_ready),
               over --starts starts
  first 1+1    median time from starting the kernel process to the reply of
               a first execute_request("1+1"): includes loading the
               interpreter, which boltzbook does while answering kernel_info

Usage: python bench/kernel_latency.py [--execs 200] [--starts 10] [--kernels boltzbook,python3]
"""

import argparse
import statistics
import sys
import time

from jupyter_client.manager import KernelManager


def start_time(name):
    """Seconds to kernel_info_reply and to the first result."""
    t0 = time.perf_counter()
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        ready = time.perf_counter() - t0
        msg_id = kc.execute("1+1")
        while kc.get_shell_msg(timeout=60)["parent_header"].get("msg_id") != msg_id:
            pass
        return ready, time.perf_counter() - t0
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def wait_idle(kc, msg_id):
    while True:
        m = kc.get_iopub_msg(timeout=30)
        if (m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                and m["content"]["execution_state"] == "idle"):
            return


def round_trips(name, n, warmup=20):
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        reply_times, idle_times = [], []
        for i in range(warmup + n):
            t0 = time.perf_counter()
            msg_id = kc.execute("1+1")
            while True:
                r = kc.get_shell_msg(timeout=30)
                if r["parent_header"].get("msg_id") == msg_id:
                    break
            t1 = time.perf_counter()
            wait_idle(kc, msg_id)
            t2 = time.perf_counter()
            if r["content"]["status"] != "ok":
                raise SystemExit(f"{name}: 1+1 failed: {r['content']}")
            if i >= warmup:
                reply_times.append(t1 - t0)
                idle_times.append(t2 - t0)
        return reply_times, idle_times
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--execs", type=int, default=200)
    ap.add_argument("--starts", type=int, default=10)
    ap.add_argument("--kernels", default="boltzbook,python3")
    args = ap.parse_args()

    rows = []
    for name in args.kernels.split(","):
        print(f"measuring {name} ...", file=sys.stderr, flush=True)
        runs = [start_time(name) for _ in range(args.starts)]
        starts = [r[0] for r in runs]
        firsts = [r[1] for r in runs]
        reply, idle = round_trips(name, args.execs)
        rows.append((name, statistics.median(reply) * 1e3, statistics.median(idle) * 1e3,
                     statistics.median(starts), min(starts), max(starts), statistics.median(firsts)))

    print(f"\n1+1 round trip over {args.execs} executions; starts over {args.starts} kernel starts")
    print(f"{'kernel':<12} {'rt reply ms':>12} {'rt idle ms':>11} {'start s (median)':>17} {'min':>6} {'max':>6} {'first 1+1 s':>12}")
    for name, r, i, s, lo, hi, first in rows:
        print(f"{name:<12} {r:>12.2f} {i:>11.2f} {s:>17.3f} {lo:>6.3f} {hi:>6.3f} {first:>12.3f}")
    if len(rows) > 1:
        base = rows[0]
        for other in rows[1:]:
            print(f"{base[0]} vs {other[0]}: round trip {other[1] / base[1]:.1f}x faster, "
                  f"start {other[3] / base[3]:.1f}x faster")


if __name__ == "__main__":
    main()
