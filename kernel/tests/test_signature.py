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


def test_signature_case_variants_are_replays():
    """hex accepts either case, so a signature in UPPER or Mixed case is
    the same signature: a replay, dropped."""
    km, kc = start_new_kernel(kernel_name="boltzbook", startup_timeout=60)
    try:
        kc.execute_interactive("n := 0", timeout=30)
        msg = kc.session.msg("execute_request", content={
            "code": "n++", "silent": False, "store_history": True,
            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True,
        })
        frames = kc.session.serialize(msg)  # [delimiter, signature, header, parent, metadata, content]
        sig = frames[1].decode()
        mixed = "".join(c.upper() if i % 2 else c for i, c in enumerate(sig))
        assert sig != sig.upper() and sig != mixed
        for spelling in (sig, sig.upper(), mixed):
            kc.shell_channel.socket.send_multipart(frames[:1] + [spelling.encode()] + frames[2:])
        replies = []
        deadline = time.time() + 1.5
        while time.time() < deadline:
            try:
                m = kc.get_shell_msg(timeout=0.2)
            except queue.Empty:
                continue
            if m["parent_header"].get("msg_id") == msg["header"]["msg_id"]:
                replies.append(m)
        assert len(replies) == 1, f"{len(replies)} replies to one message sent in three spellings"
        out = []
        kc.execute_interactive("n", timeout=30, output_hook=out.append)
        assert [m["content"]["data"]["text/plain"] for m in out if m["msg_type"] == "execute_result"] == ["1"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
