"""Interrupting a runaway interpreted loop, by interrupt_request (the
kernelspec's mode) and by SIGINT (front ends in signal mode); the cell ends
with an error named Interrupted and earlier state survives."""

import time

import pytest
from jupyter_client.manager import KernelManager


@pytest.mark.parametrize("mode", ["message", "signal"])
def test_interrupt_runaway_loop(mode):
    km = KernelManager(kernel_name="boltzbook")
    km.kernel_spec.interrupt_mode = mode
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        kc.execute_interactive("kept := 7", timeout=30)
        msg_id = kc.execute("for {}")
        time.sleep(0.5)
        start = time.time()
        km.interrupt_kernel()
        while True:
            reply = kc.get_shell_msg(timeout=10)
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        assert time.time() - start < 2
        assert reply["content"]["status"] == "error"
        assert reply["content"]["ename"] == "Interrupted"
        results = []
        r = kc.execute_interactive("kept", timeout=30, output_hook=lambda m: results.append(m))
        assert r["content"]["status"] == "ok"
        values = [m["content"]["data"]["text/plain"] for m in results if m["msg_type"] == "execute_result"]
        assert values == ["7"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
