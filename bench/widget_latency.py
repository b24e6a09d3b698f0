"""Slider to redrawn figure: notebook 03's temperature dial, driven as a
browser drives it, through jupyter_client.

Runs notebook 03 (quick mode) up to its dial cell in a boltzbook kernel, then
sends comm_msg updates of the temperature slider as jupyterlab_widgets does
and times each until the Output widget's state holds a new PNG:

  single   N updates 400 ms apart: median and p95 of update → redrawn PNG
  burst    100 updates in 1 s: how many redraws, and how long after the last
           update the last value is drawn (no backlog)

Prints one line per measure; exits non-zero if the issue's budget (median
≤ 150 ms, p95 ≤ 300 ms, last of a burst ≤ 300 ms) is missed.

    .venv/bin/python bench/widget_latency.py [-n 40]
"""
import argparse
import json
import os
import queue
import statistics
import sys
import time

from jupyter_client.manager import KernelManager

HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOK = os.path.join(HERE, "..", "notebooks", "03-noisy-units.ipynb")
MARKER = "dialNets :="


def cells_up_to_dial():
    nb = json.load(open(NOTEBOOK))
    code = []
    for c in nb["cells"]:
        if c["cell_type"] != "code":
            continue
        src = "".join(c["source"])
        code.append(src)
        if MARKER in src:
            return code
    raise SystemExit("no dial cell in " + NOTEBOOK)


def execute(kc, code, timeout=300):
    msgs = []
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=msgs.append)
    if reply["content"]["status"] != "ok":
        raise SystemExit("cell failed: %s" % reply["content"])
    return msgs


def pngs(msg):
    outs = msg["content"]["data"].get("state", {}).get("outputs") or []
    for o in outs:
        if o.get("output_type") == "display_data" and "image/png" in o.get("data", {}):
            return o["data"]["image/png"]
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=40, help="single updates to time")
    args = ap.parse_args()
    os.environ["BOLTZBOOK_QUICK"] = "1"
    km = KernelManager(kernel_name="boltzbook")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        cells = cells_up_to_dial()
        for c in cells[:-1]:
            execute(kc, c)
        msgs = execute(kc, cells[-1])
        opens = {m["content"]["comm_id"]: m["content"]["data"]["state"] for m in msgs if m["msg_type"] == "comm_open"}
        slider = next(i for i, s in opens.items() if s["_model_name"] == "FloatLogSliderModel")
        output = next(i for i, s in opens.items() if s["_model_name"] == "OutputModel")

        def send(value):
            m = kc.session.msg("comm_msg", {"comm_id": slider, "data": {
                "method": "update", "state": {"value": value}, "buffer_paths": []}})
            kc.shell_channel.send(m)

        def next_redraw(deadline):
            while time.monotonic() < deadline:
                try:
                    m = kc.get_iopub_msg(timeout=0.05)
                except queue.Empty:
                    continue
                if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == output and pngs(m):
                    return time.monotonic()
            return None

        while True:  # drain
            try:
                kc.get_iopub_msg(timeout=0.2)
            except queue.Empty:
                break
        lat = []
        for i in range(args.n):
            value = 0.35 + 2.8 * ((i * 7) % args.n) / args.n
            t0 = time.monotonic()
            send(value)
            t = next_redraw(t0 + 5)
            if t is None:
                raise SystemExit("no redraw within 5 s")
            lat.append((t - t0) * 1000)
            time.sleep(0.4)
        lat.sort()
        med = statistics.median(lat)
        p95 = lat[int(round(0.95 * (len(lat) - 1)))]
        print("single   %d updates: median %.0f ms, p95 %.0f ms, max %.0f ms" % (len(lat), med, p95, lat[-1]))

        time.sleep(1)
        t0 = time.monotonic()
        for i in range(100):
            send(0.4 + 2.5 * i / 99)
            time.sleep(max(0, t0 + (i + 1) * 0.01 - time.monotonic()))
        last_sent = time.monotonic()
        redraws, last = 0, None
        while True:
            t = next_redraw(time.monotonic() + 1.5)
            if t is None:
                break
            redraws, last = redraws + 1, t
        tail = (last - last_sent) * 1000 if last else float("inf")
        print("burst    100 updates in %.2f s: %d redraws, the last %.0f ms after the last update" %
              (last_sent - t0, redraws, tail))
        ok = med <= 150 and p95 <= 300 and tail <= 300
        print("budget   median ≤ 150 ms, p95 ≤ 300 ms, burst tail ≤ 300 ms:", "met" if ok else "MISSED")
        return 0 if ok else 1
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    sys.exit(main())
