"""Memory of a huge message is returned to the system: after a 50 MB
request the kernel's resident size goes back near where it was (the
issue measured 511 MiB staying resident)."""

import time

import pytest
from jupyter_client.manager import start_new_kernel

MB = 1 << 20


def rss(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


@pytest.fixture
def kernel():
    km, kc = start_new_kernel(kernel_name="boltzbook", startup_timeout=60)
    yield km.provisioner.pid, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def settle(pid, limit, timeout=10):
    """Wait for the resident size to fall below limit; return it."""
    deadline = time.monotonic() + timeout
    while True:
        r = rss(pid)
        if r < limit or time.monotonic() > deadline:
            return r
        time.sleep(0.1)


@pytest.mark.parametrize("kind", ["cell", "is_complete", "comm_msg"])
def test_memory_returned_after_50mb_message(kernel, kind):
    pid, kc = kernel
    kc.execute_interactive("1+1", timeout=30, output_hook=lambda m: None)
    before = settle(pid, 0, timeout=0.5)
    big = "x" * (50 * MB)
    t0 = time.monotonic()
    if kind == "cell":
        r = kc.execute_interactive("// " + big + "\n1+1", timeout=300, output_hook=lambda m: None)
        assert r["content"]["status"] == "ok"
    elif kind == "is_complete":
        kc.is_complete(big)
        assert kc.get_shell_msg(timeout=60)["msg_type"] == "is_complete_reply"
    else:
        msg = kc.session.msg("comm_msg", {"comm_id": "no-such-comm", "data": {}})
        kc.session.send(kc.shell_channel.socket, msg, buffers=[big.encode()])
    kc.execute_interactive("1+1", timeout=60, output_hook=lambda m: None)
    after = settle(pid, before + 30 * MB)
    print(f"{kind}: RSS {before / MB:.0f} MiB before a 50 MB message, {after / MB:.0f} MiB "
          f"{time.monotonic() - t0:.1f} s after it was sent")
    assert after < before + 30 * MB
