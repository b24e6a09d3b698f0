"""A message with a bad signature is dropped and never executed, and the
kernel keeps answering properly signed requests."""

import queue
import time
import uuid

from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session


def test_bad_signature_dropped():
    km, kc = start_new_kernel(kernel_name="boltzbook", startup_timeout=60)
    try:
        kc.execute_interactive("x := 1", timeout=30)
        # A forger who does not know the key signs with another one.
        forger = Session(key=b"not-the-key", username="mallory")
        forged = forger.msg("execute_request", content={
            "code": "x = 666", "silent": False, "store_history": True,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True,
        })
        forger.send(kc.shell_channel.socket, forged)
        # An unsigned copy, for good measure.
        Session(key=b"", username="mallory").send(kc.shell_channel.socket, dict(forged, header=dict(forged["header"], msg_id=str(uuid.uuid4()))))

        deadline = time.time() + 1.5
        while time.time() < deadline:
            try:
                msg = kc.get_shell_msg(timeout=0.2)
            except queue.Empty:
                continue
            assert msg["parent_header"].get("msg_id") != forged["header"]["msg_id"], "kernel answered a forged message"

        reply = kc.execute_interactive("x", timeout=30)
        assert reply["content"]["status"] == "ok"
        result = None
        # The value of x proves the forged assignment never ran.
        msg_id = kc.execute("x")
        while True:
            m = kc.get_iopub_msg(timeout=10)
            if m["parent_header"].get("msg_id") != msg_id:
                continue
            if m["msg_type"] == "execute_result":
                result = m["content"]["data"]["text/plain"]
            if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                break
        assert result == "1"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
