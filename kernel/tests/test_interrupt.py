"""interrupt_request stops a runaway interpreted loop; state survives."""

import time

from jupyter_client.manager import start_new_kernel


def test_interrupt_runaway_loop():
    km, kc = start_new_kernel(kernel_name="boltzbook", startup_timeout=60)
    try:
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
        r = kc.execute_interactive("kept", timeout=30, output_hook=lambda m: None)
        assert r["content"]["status"] == "ok"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
